// Loads the keyboard's dictionary on first use (its own chunk; see vite-plugin.ts). Kept
// apart from dictionary.ts so unit tests can use that file without the virtual module.
import type { PinyinDictionary } from './dictionary';

let loading: Promise<PinyinDictionary> | null = null;

export function loadPinyinDictionary(): Promise<PinyinDictionary> {
  loading ??= import('virtual:pinyin-dict').then((m) => m.default).catch((err: unknown) => {
    loading = null; // a failed load (a hall restarting mid-request) is retried at the next opening
    throw err;
  });
  return loading;
}
