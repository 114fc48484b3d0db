// Types for the Monaco entry points the editor loads directly (instead of the package root, which
// pulls in every language service) and for Vite's `?worker` imports.

declare module 'monaco-editor/esm/vs/editor/edcore.main.js' {
  export * from 'monaco-editor';
}

declare module '*?worker' {
  const WorkerFactory: new () => Worker;
  export default WorkerFactory;
}
