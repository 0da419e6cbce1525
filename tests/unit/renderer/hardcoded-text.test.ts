// No user-facing text outside the i18n layer, in any language: JSX text and the attributes a
// visitor reads or hears (aria-label, placeholder, title, alt, label) may not hold words written
// in the component. Chinese anywhere in code is caught by i18n.test.ts; this catches English
// (or any letters) written straight into JSX, which would stay English for a Mongolian reader.
// Allowed: message keys handed to a translating component, text without letters (→, ·, digits) and the short list below of non-language text.
// Mutation checked: adding <p>Please wait</p> or aria-label="Close" to a component fails it.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { zhCN } from '../../../renderer/shared/i18n/messages/zh-CN';

const root = join(import.meta.dirname, '../../../renderer');
const SPOKEN_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'aria-placeholder', 'aria-roledescription', 'aria-valuetext', 'placeholder', 'title', 'alt', 'label']);

/** Non-language text that may be written in JSX: keyboard key caps, units of the ticket number. */
const ALLOWED = new Set(['X', 'QR', 'ServiceHall', 'ESC/POS']);

function tsxFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'public' ? [] : tsxFiles(path);
    return name.endsWith('.tsx') ? [path] : [];
  });
}

const keys = new Set(Object.keys(zhCN));
/** A message key passed on to a component that translates it (label="signIn.pin") is not text. */
const isKey = (text: string) => keys.has(text);
const hasWords = (text: string) => /\p{L}{2,}/u.test(text) && !ALLOWED.has(text.trim()) && !isKey(text.trim());

export function hardCodedTexts(fileName: string, source: string): string[] {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const at = (node: ts.Node) => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && hasWords(node.text)) found.push(`${at(node)}: ${node.text.trim()}`);
    if (ts.isJsxAttribute(node) && SPOKEN_ATTRIBUTES.has(node.name.getText(sf))) {
      const init = node.initializer;
      const literal = init && ts.isStringLiteral(init) ? init : init && ts.isJsxExpression(init) && init.expression && ts.isStringLiteralLike(init.expression) ? init.expression : null;
      if (literal && hasWords(literal.text)) found.push(`${at(node)}: ${node.name.getText(sf)}="${literal.text}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

describe('given the renderer components', () => {
  test('the scan finds words in JSX text and spoken attributes, and passes keys, symbols and numbers', () => {
    const bad = hardCodedTexts('x.tsx', `const a = <div aria-label="Close"><p>Please wait</p><span>{t('kiosk.title')}</span></div>;`);
    expect(bad).toEqual(['1: aria-label="Close"', '1: Please wait']);
    expect(hardCodedTexts('y.tsx', `const b = <p title={t('x')} data-testid="ticket-number">→ {n} · 12 X</p>;`)).toEqual([]);
  });

  test('no component writes user-facing words itself (they come from the i18n catalogs)', () => {
    const offenders = tsxFiles(root).flatMap((file) => hardCodedTexts(file, readFileSync(file, 'utf8')).map((hit) => `${relative(root, file)}:${hit}`));
    expect(offenders).toEqual([]);
  });
});
