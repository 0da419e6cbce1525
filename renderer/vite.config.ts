// Multi-page build of the browser pages. package.json runs
// `vite build --config renderer/vite.config.ts` from the repository root; every path
// here is resolved against this file so the working directory does not matter.
// The hall service serves dist/renderer at its root and the API at /api/v1 on the same
// origin, so pages fetch relative URLs. `HALL_URL=http://127.0.0.1:PORT npx vite --config
// renderer/vite.config.ts` proxies the API to a running hall service during development.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { pinyinDictionaryPlugin } from './kiosk/pinyin/vite-plugin';

const here = import.meta.dirname;
const fromHere = (p: string): string => `${here}/${p}`;

/** Each page of the product; the key is the page's folder and its URL path. */
export const pages = ['kiosk', 'counter', 'display', 'counter-display', 'admin', 'ticket', 'guide', 'ratings', 'wall'] as const;

const hallUrl = process.env['HALL_URL'];

/**
 * Fewer files on a page's first load (issue 14: kiosk cold load): a browser opens at most 6
 * connections to the hall, so the kiosk's 19 small chunks arrived in turns (≈ 90 ms on a quiet
 * machine). React is one chunk shared by every page; rolldown's automatic common chunks under
 * 24 KiB (shared code used by several pages: the API client, the hall view hook, …) are copied
 * into each page that uses them instead of loaded as files of their own — the kiosk's first
 * load is 4 scripts and 1 style sheet. Lazily imported chunks (languages, the pinyin
 * dictionary, the kiosk's later screens) stay separate and are fetched when needed.
 * Danger: the inlining is experimental in rolldown and needs `preserveEntrySignatures: false`
 * (pages export nothing) and strict execution order (set by rolldown itself).
 */
const firstLoadChunks = {
  groups: [
    { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 20 },
  ],
  experimentalInlineCommonChunks: { maxSize: 24 * 1024 },
};

export default defineConfig({
  root: here,
  base: '/',
  publicDir: fromHere('public'),
  // The pinyin keyboard's dictionary is generated at build time and loaded lazily (kiosk/pinyin/).
  plugins: [react(), pinyinDictionaryPlugin()],
  build: {
    outDir: fromHere('../dist/renderer'),
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: {
      input: Object.fromEntries([
        ['index', fromHere('index.html')],
        ...pages.map((page) => [page, fromHere(`${page}/index.html`)]),
        // Not a hall page: the device agent serves it on 127.0.0.1 of each terminal (agent/technician/server.ts).
        ['technician', fromHere('technician/index.html')],
        // Not a hall page: the central platform serves it at /m/ (central/phone/static.ts), the visitor's phone page.
        ['phone', fromHere('phone/index.html')],
      ]),
      output: { codeSplitting: firstLoadChunks },
      preserveEntrySignatures: false,
    },
  },
  server: hallUrl
    ? { proxy: { '/api': { target: hallUrl, ws: true, changeOrigin: false } } }
    : {},
});
