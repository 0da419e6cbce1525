// docs/i18n.md's claims about the `languages` section, set through a hall configuration file:
// what the kiosk offers, its default, the display's second language and the announcement
// languages; bad settings stop the hall with the setting's path and a reason.
// Mutations checked: dropping the "must include zh-CN" or "default is not in kiosk" checks in
// hall/config/languages-schema.ts fails the refusals below.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadHallConfig } from '../../../hall/config/load';
import { demoConfigWith } from '../../helpers/hall-harness';

const withLanguages = (languages: unknown) => demoConfigWith((c) => void (c.languages = languages));

describe('the languages of a hall configuration file', () => {
  it('are read as written, and default to Chinese first with English and Mongolian offered', () => {
    const cfg = loadHallConfig(withLanguages({ default: 'en', kiosk: ['zh-CN', 'en'], displaySecond: 'mn-Mong', announce: ['zh-CN', 'mn-Mong'] }));
    expect(cfg.languages).toEqual({ default: 'en', kiosk: ['zh-CN', 'en'], displaySecond: 'mn-Mong', announce: ['zh-CN', 'mn-Mong'] });
    const plain = loadHallConfig(demoConfigWith((c) => void delete c.languages));
    expect(plain.languages).toEqual({ default: 'zh-CN', kiosk: ['zh-CN', 'en', 'mn-Mong'], displaySecond: null, announce: ['zh-CN'] });
  });

  it.each([
    [{ kiosk: ['en'] , default: 'en' }, 'languages.kiosk', 'must include zh-CN'],
    [{ kiosk: ['zh-CN'], default: 'en' }, 'languages.default', 'not in kiosk'],
    [{ kiosk: ['zh-CN', 'fr'] }, 'languages.kiosk', ''],
    [{ announce: ['mn-Mong'] }, 'languages.announce', 'must start with zh-CN'],
    [{ displaySecond: 'en' }, 'languages.displaySecond', ''],
    [{ kiosk: ['zh-CN', 'en', 'en'] }, 'languages.kiosk', 'twice'],
  ])('refuses %j with its path and a reason', (languages, path, reason) => {
    let error: unknown;
    try {
      loadHallConfig(withLanguages(languages));
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(String((error as Error).message)).toContain(path);
    if (reason) expect(String((error as Error).message)).toContain(reason);
  });

  it('takes translated names for departments, queues, matters and green categories, and refuses unknown languages there', () => {
    const cfg = loadHallConfig(demoConfigWith((c) => void ((c.departments as { names?: unknown }[])[0]!.names = { en: 'Property', 'mn-Mong': 'ᠦᠯᠦ ᠬᠥᠳᠡᠯᠬᠦ' })));
    expect(cfg.departments[0]!.names).toEqual({ en: 'Property', 'mn-Mong': 'ᠦᠯᠦ ᠬᠥᠳᠡᠯᠬᠦ' });
    expect(() => loadHallConfig(demoConfigWith((c) => void ((c.matters as { names?: unknown }[])[0]!.names = { fr: 'Propriété' })))).toThrow(/matters\[0\]\.names: Unrecognized key: "fr"/);
  });
});
