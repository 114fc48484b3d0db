/**
 * The renderer dev server's URL (electron-vite sets ELECTRON_RENDERER_URL in `npm run dev`), or
 * undefined. A packaged app never honours it: that origin would load a page from elsewhere and pass
 * the IPC sender check. main.ts reads the variable only through this function.
 */
export function devRendererUrl(env: NodeJS.ProcessEnv, isPackaged: boolean): string | undefined {
  if (isPackaged) return undefined;
  const value = env.ELECTRON_RENDERER_URL;
  return value ? value : undefined;
}
