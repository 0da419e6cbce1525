// The keyboard's dictionary, generated at build time by vite-plugin.ts.
declare module 'virtual:pinyin-dict' {
  import type { PinyinDictionary } from './dictionary';
  const dictionary: PinyinDictionary;
  export default dictionary;
}
