import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

// One build for every host: the Electron main process and the CLI share src-main and are
// emitted side by side (out/main/index.js, out/main/cli.js, out/main/scan-worker.js, out/main/early-start.js, out/main/snapshot-patch.js); dependencies
// stay external, but ajv, semver and croner (about 100 small files: resolving and loading them took
// about a tenth of a second of every CLI start, issue 16) are bundled.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: { exclude: ['ajv', 'semver', 'croner'] },
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src-main/electron/main.ts'),
          cli: resolve(__dirname, 'src-main/cli/index.ts'),
          // Worker threads that read module folders in parallel (service/scan-pool.ts finds it beside the bundle).
          'scan-worker': resolve(__dirname, 'src-main/service/scan-worker.ts'),
          // What the executable runs before it loads the CLI (a `check` of a large checkout starts its reading worker at once).
          'early-start': resolve(__dirname, 'src-main/cli/early-start.ts'),
          // The client's side of snapshot patches, at a path of its own for scripts/bench/incremental.mjs,
          // which applies patches as the renderer does (the hosts only make them, so no bundle holds it).
          'snapshot-patch': resolve(__dirname, 'src-main/common/snapshot-patch.ts'),
          // The V8 code cache loader (node/code-cache.ts), required first by bin/module-workbench.js and the scan worker.
          'code-cache': resolve(__dirname, 'src-main/node/code-cache.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: { input: { index: resolve(__dirname, 'src-preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: { index: resolve(__dirname, 'src-renderer/index.html') } },
    },
  },
});
