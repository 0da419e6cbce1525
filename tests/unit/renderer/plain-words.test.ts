// Plain words on every screen (issue 14): no programmer slang or internal term in any
// catalog a kiosk, counter, display, admin or simulator page shows. The calling policies'
// own names come from the hall configuration (hall/domain/policy.ts) and are checked there.
// Mutation checked: putting 防饿死 or 随机种子 back into a catalog fails this test.
import { beforeAll, describe, expect, test } from 'vitest';
import { catalogs, loadAllCatalogs } from '../../../renderer/shared/i18n';

// en and mn-Mong are fetched on demand (a page's first load has only zh-CN): load them all here.
beforeAll(() => loadAllCatalogs());

/** Terms a visitor or a counter clerk should never have to decode. */
const INTERNAL_TERMS = ['防饿死', '饿死', '随机种子', '种子', '幂等', '队头', '回调', /starv/i, /\bseed\b/i, /idempoten/i, /payload/i, /\bHLC\b/, /\bundefined\b/, /\bnull\b/, /\bNaN\b/];

describe('the catalogs', () => {
  test('use plain words: no internal term in any language', () => {
    const found: string[] = [];
    expect(Object.keys(catalogs).sort()).toEqual(['en', 'mn-Mong', 'zh-CN']);
    for (const [locale, catalog] of Object.entries(catalogs)) {
      for (const [key, text] of Object.entries(catalog ?? {})) {
        const words = text!.replace(/\{\w+\}/g, ''); // placeholders are not shown
        for (const term of INTERNAL_TERMS) if (typeof term === 'string' ? words.includes(term) : term.test(words)) found.push(`${locale} ${key}: ${String(term)}`);
      }
    }
    expect(found).toEqual([]);
  });
});
