import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

// Development only (`npm run dev`): React Fast Refresh injects an inline module script, which the renderer's
// strict CSP forbids, and Vite's dev server injects CSS as <style> elements. The dev server's page gets
// 'unsafe-inline' for scripts and styles; production builds never do (tests/shared/csp.test.ts reads the source).
const devCsp: Plugin = {
  name: 'tidings:dev-csp',
  apply: 'serve',
  transformIndexHtml: (html) =>
    html
      .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
      .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
};

// main: CommonJS (package.json has no "type": "module"); dependencies stay external (libsql is a native module,
// undici is CommonJS).
// preload: CommonJS, fully bundled — a sandboxed preload can require only 'electron' and a few built-ins.
// renderer: rooted at renderer/, built to out/renderer.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // gemoji is ESM-only: bundle it rather than rely on require(esm) in the main process.
      externalizeDeps: { exclude: ['gemoji'] },
      // The store worker (core/store/store-worker.ts) is an entry of its own: out/main/store-worker.js, found beside
      // the main bundle at runtime (store-client.ts).
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          'store-worker': resolve(__dirname, 'electron/main/core/store/store-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    base: './',
    plugins: [react(), devCsp],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      minify: process.env.TIDINGS_NO_MINIFY !== '1',
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
