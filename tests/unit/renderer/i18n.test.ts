// Every UI string goes through the i18n layer: every key the renderer uses exists in the
// zh-CN catalog, placeholders match, and components carry no hard-coded Chinese text.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { catalogs, interpolate, translate, availableLocales, loadAllCatalogs } from '../../../renderer/shared/i18n';
import { duplicateKeys, zhCN } from '../../../renderer/shared/i18n/messages/zh-CN';

const root = join(import.meta.dirname, '../../../renderer');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'public' || name === 'announcer' ? [] : sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && name !== 'vite.config.ts' ? [path] : [];
  });
}

const files = sourceFiles(root);
const keys = new Set(Object.keys(zhCN));

describe('given the renderer sources', () => {
  test('feature catalogs merged into zh-CN define no key twice', () => {
    expect(duplicateKeys).toEqual([]);
  });

  test('every literal key passed to t(), richT() or typed as a message key exists in zh-CN', () => {
    const missing: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\b(?:t|richT)\(\s*'([a-zA-Z][\w.-]*)'/g)) if (!keys.has(m[1]!)) missing.push(`${relative(root, file)}: ${m[1]}`);
      // Keys written as literals elsewhere (maps of codes to keys, props typed MessageKey).
      for (const m of text.matchAll(/'((?:app|clock|connection|error|action|wait|ticketClass|ticketStatus|counterStatus|counter|rating|signIn|kiosk|counterPage|reason|callReason|counterError|display|counterDisplay|admin|ticketPage|index|device)\.[\w.]+)'/g)) {
        if (!keys.has(m[1]!)) missing.push(`${relative(root, file)}: ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  test('template-built keys resolve for every value they can take', () => {
    const required = [
      ...['waiting', 'called', 'serving', 'finished', 'no_show', 'expired'].map((s) => `ticketStatus.${s}`),
      ...['signed_out', 'idle', 'called', 'serving', 'paused'].map((s) => `counterStatus.${s}`),
      ...['very_satisfied', 'satisfied', 'basic', 'dissatisfied', 'very_dissatisfied', 'not_rated'].map((s) => `rating.${s}`),
      ...['pad', 'screen', 'timeout'].map((s) => `rating.source.${s}`),
      ...['green', 'appointment', 'walk_in'].map((s) => `ticketClass.${s}`),
      ...['call_next', 'recall', 'no_show', 'finish', 'start', 'transfer', 'pause', 'resume'].flatMap((a) => [`counterPage.action.${a}`, `counterPage.done.${a}`]),
      ...[0, 1, 2, 3, 4, 5, 6].map((d) => `clock.weekday.${d}`),
      // Codes the hall sends today (hall/api/views.ts, hall/domain/events.ts CallReason)
      ...['paused', 'counter_busy', 'no_waiting', 'already_serving', 'no_current_ticket', 'not_paused'].map((r) => `reason.${r}`),
      ...['overdue', 'green_first', 'green_streak_limit', 'in_order', 'only_green', 'deadline', 'appointment_slot'].map((r) => `callReason.${r}`),
      'counterPage.phase.called',
      'counterPage.phase.serving',
    ];
    expect(required.filter((k) => !keys.has(k))).toEqual([]);
  });

  test('components and pages contain no hard-coded Chinese text (it lives in the catalog)', () => {
    const offenders: string[] = [];
    for (const file of files) {
      if (file.includes(`${join('shared', 'i18n')}`)) continue;
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, i) => {
        const code = line.replace(/\/\/.*$/, '').replace(/\/\*.*?\*\//g, '');
        if (/^\s*\*/.test(line)) return; // JSDoc continuation
        if (/[\u4e00-\u9fff]/.test(code)) offenders.push(`${relative(root, file)}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });
});

describe('given the catalogs', () => {
  test('until the hall configures its languages only zh-CN is offered, so the language switch stays hidden', () => {
    expect(availableLocales()).toEqual(['zh-CN']);
  });

  test('every other catalog uses the same placeholders as zh-CN', async () => {
    await loadAllCatalogs(); // en and mn-Mong are fetched on demand
    expect(Object.keys(catalogs).sort()).toEqual(['en', 'mn-Mong', 'zh-CN']);
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [locale, catalog] of Object.entries(catalogs)) {
      for (const [key, text] of Object.entries(catalog ?? {})) {
        expect(placeholders(text!), `${locale} ${key}`).toEqual(placeholders(zhCN[key as keyof typeof zhCN]));
      }
    }
  });

  test('no message is empty', () => {
    expect(Object.entries(zhCN).filter(([, v]) => !v.trim())).toEqual([]);
  });

  test('t() fills placeholders and leaves unknown ones visible', () => {
    expect(translate('zh-CN', 'wait.minutes', { min: 10, max: 20 })).toBe('约 10–20 分钟');
    expect(interpolate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });

  test('a locale without a translation falls back to zh-CN', () => {
    expect(translate('en', 'counterPage.pausedHint')).toBe('暂停服务中，按 F8 恢复');
  });
});
