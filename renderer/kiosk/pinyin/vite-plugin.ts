// Vite plugin: the module "virtual:pinyin-dict" is the keyboard's dictionary, generated at
// build time (build-dict.ts). The kiosk imports it with import() only when the on-screen
// keyboard opens, so Vite emits it as a chunk of its own and a cold kiosk never loads it.
import type { Plugin } from 'vite';
import { buildPinyinDictionary } from './build-dict';

const ID = 'virtual:pinyin-dict';
const RESOLVED = `\0${ID}`;

export function pinyinDictionaryPlugin(): Plugin {
  return {
    name: 'servicehall-pinyin-dict',
    resolveId: (id) => (id === ID ? RESOLVED : null),
    load: (id) => (id === RESOLVED ? `export default ${JSON.stringify(buildPinyinDictionary())};` : null),
  };
}
