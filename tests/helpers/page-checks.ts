// What a page looks like to a person, measured in the browser (headless Chromium via
// playwright-core): does the page scroll, is an element inside the viewport, is any text cut
// off, how small is the smallest visible text, how small is the smallest touch target, and
// what axe-core (WCAG 2.2 AA rules) finds. Each returns the offending elements described by
// a short selector and their text, so a failing test says what to fix.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Locator, Page } from 'playwright-core';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The page's own scroll size against the viewport (a main path needs neither scroll). */
export async function pageScroll(page: Page): Promise<{ width: number; height: number; viewportWidth: number; viewportHeight: number }> {
  return page.evaluate(() => ({
    width: document.documentElement.scrollWidth,
    height: document.documentElement.scrollHeight,
    viewportWidth: window.innerWidth,
    viewportHeight: window.innerHeight,
  }));
}

/** Each located element's box, with whether it lies wholly inside the viewport (1 px tolerance for rounding). */
export async function boxesInViewport(page: Page, locator: Locator): Promise<{ box: Box; inside: boolean }[]> {
  const viewport = page.viewportSize();
  if (!viewport) throw new Error('the page has no viewport');
  const boxes: { box: Box; inside: boolean }[] = [];
  for (const el of await locator.all()) {
    const box = await el.boundingBox();
    if (!box) throw new Error(`${String(el)} is not visible`);
    const inside = box.x >= -1 && box.y >= -1 && box.x + box.width <= viewport.width + 1 && box.y + box.height <= viewport.height + 1;
    boxes.push({ box, inside });
  }
  return boxes;
}

export interface TextProblem {
  where: string;
  text: string;
  detail: string;
}

/**
 * Elements (not inline ones) holding visible text whose content is wider or taller than
 * their box (scrollWidth > clientWidth, scrollHeight > clientHeight) while they clip or
 * ellipsise it: text a reader cannot see. Danger: an element that lets text spill out
 * (overflow: visible) is caught by its clipping ancestor, which is what is checked here.
 */
export async function clippedText(page: Page): Promise<TextProblem[]> {
  return page.evaluate(() => {
    const problems: { where: string; text: string; detail: string }[] = [];
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      if (!(el instanceof HTMLElement)) continue;
      const style = getComputedStyle(el);
      if (style.display === 'inline' || style.display === 'contents' || style.visibility === 'hidden') continue;
      if (el.getClientRects().length === 0) continue;
      if (el.closest('.visually-hidden, [aria-hidden="true"]')) continue;
      // A ticker moves its text through its box on purpose (the display's notices): not clipped.
      if (Array.from(el.children).some((child) => getComputedStyle(child).animationName !== 'none')) continue;
      const text = (el.innerText ?? '').trim();
      if (!text) continue;
      const clipsX = style.overflowX !== 'visible' || style.textOverflow === 'ellipsis';
      const clipsY = style.overflowY !== 'visible' || Number(style.webkitLineClamp) > 0;
      // A scrolling list is not clipped text: its reader can scroll it (the main-path checks say whether they must).
      const scrollsX = style.overflowX === 'auto' || style.overflowX === 'scroll';
      const scrollsY = style.overflowY === 'auto' || style.overflowY === 'scroll';
      // (No helper functions in here: the bundler's name-keeping wrappers do not exist in the page.)
      const id = el.getAttribute('data-testid');
      const where = `${el.tagName.toLowerCase()}${id ? `[data-testid=${id}]` : ''}.${el.className}`;
      if (clipsX && !scrollsX && el.scrollWidth > el.clientWidth + 1) problems.push({ where, text: text.slice(0, 60), detail: `scrollWidth ${el.scrollWidth} > clientWidth ${el.clientWidth}` });
      else if (clipsY && !scrollsY && el.scrollHeight > el.clientHeight + 1) problems.push({ where, text: text.slice(0, 60), detail: `scrollHeight ${el.scrollHeight} > clientHeight ${el.clientHeight}` });
    }
    return problems;
  });
}

/**
 * Text that runs out of its own box onto what is around it, though nothing clips it: a word in a
 * vertical column longer than the column is tall, a label taller than its button. Checked on
 * elements written vertically (writing-mode vertical-*): those holding text directly (a text
 * node child) whose content is longer than their box along the column, and any holding text
 * whose columns run out of their side, by more than 2 px (0.3em across the columns, where
 * glyphs overhang their line boxes a little). Opt-in
 * through `FitOptions.spill`: for vertical Mongolian, where a column's height comes from the
 * layout and one long word can overrun it. (Horizontal text is left out: glyphs a little taller
 * than their line box would be reported everywhere.)
 */
export async function spilledText(page: Page): Promise<TextProblem[]> {
  return page.evaluate(() => {
    const problems: { where: string; text: string; detail: string }[] = [];
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      if (!(el instanceof HTMLElement)) continue;
      const style = getComputedStyle(el);
      if (style.display === 'inline' || style.display === 'contents' || style.visibility === 'hidden') continue;
      if (!style.writingMode.startsWith('vertical')) continue;
      if (el.getClientRects().length === 0 || el.closest('.visually-hidden, [aria-hidden="true"]')) continue;
      // Its own words overrun the column; or its columns (its own or its children's) run out of its side.
      const ownText = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim());
      if (!ownText && !(el.innerText ?? '').trim()) continue;
      const id = el.getAttribute('data-testid');
      const where = `${el.tagName.toLowerCase()}${id ? `[data-testid=${id}]` : ''}.${el.className}`;
      const text = (el.innerText ?? '').trim().slice(0, 60);
      if (ownText && el.scrollHeight > el.clientHeight + 2) problems.push({ where, text, detail: `scrollHeight ${el.scrollHeight} > clientHeight ${el.clientHeight}` });
      // Across the columns a glyph may overhang its line box a little (up to about a quarter of an em).
      else if (el.scrollWidth > el.clientWidth + Math.max(2, 0.3 * parseFloat(style.fontSize))) problems.push({ where, text, detail: `scrollWidth ${el.scrollWidth} > clientWidth ${el.clientWidth}` });
    }
    return problems;
  });
}

/**
 * Every visible text node's font size, smallest first (only those under `below` px when
 * given). Visible: a rendered box of non-zero size that is not visually hidden.
 */
export async function smallText(page: Page, below: number): Promise<{ where: string; text: string; px: number }[]> {
  return page.evaluate((limit) => {
    const found: { where: string; text: string; px: number }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.textContent ?? '').trim();
      const parent = node.parentElement;
      if (!text || !parent) continue;
      if (parent.closest('script, style, noscript, .visually-hidden, [hidden]')) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const rect = range.getBoundingClientRect();
      if (rect.width < 1 || rect.height < 1) continue;
      const style = getComputedStyle(parent);
      if (style.visibility === 'hidden' || Number(style.opacity) === 0) continue;
      const px = parseFloat(style.fontSize);
      if (px < limit) {
        const id = parent.closest('[data-testid]')?.getAttribute('data-testid');
        found.push({ where: `${parent.tagName.toLowerCase()}.${parent.className}${id ? ` in [data-testid=${id}]` : ''}`, text: text.slice(0, 40), px });
      }
    }
    return found.sort((a, b) => a.px - b.px);
  }, below);
}

/** Buttons, links, inputs and other touchable controls smaller than `min` px on either side. */
export async function smallTargets(page: Page, min: number): Promise<{ where: string; text: string; width: number; height: number }[]> {
  return page.evaluate((limit) => {
    const found: { where: string; text: string; width: number; height: number }[] = [];
    const controls = document.querySelectorAll('button, a[href], input:not([type=hidden]), select, textarea, [role=button], [role=tab], [role=radio], [role=checkbox], [role=switch], [role=option]');
    for (const el of Array.from(controls)) {
      if (!(el instanceof HTMLElement) || el.closest('.visually-hidden, [hidden]')) continue;
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 && rect.height === 0) continue;
      if (getComputedStyle(el).visibility === 'hidden') continue;
      if (rect.width < limit - 0.5 || rect.height < limit - 0.5) {
        const id = el.getAttribute('data-testid');
        found.push({ where: `${el.tagName.toLowerCase()}${id ? `[data-testid=${id}]` : ''}.${el.className}`, text: (el.innerText || el.getAttribute('aria-label') || '').trim().slice(0, 30), width: Math.round(rect.width), height: Math.round(rect.height) });
      }
    }
    return found;
  }, min);
}

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** axe-core's WCAG 2.0/2.1/2.2 A and AA rules on the page as it is now (injected into the page, run there). */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const injected = await page.evaluate(() => 'axe' in window);
  // Evaluated, not added as a <script>: the pages' CSP (script-src 'self') refuses inline scripts.
  if (!injected) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: unknown): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`) }));
  });
}

export interface FitOptions {
  /** What a person must reach on this screen without scrolling: each locator must match at least one element, all inside the viewport. */
  mainPath: Locator[];
  /** The smallest font size allowed for any visible text (px). */
  minFontPx: number;
  /** The smallest touch target allowed (px), or none on keyboard-first pages. */
  minTargetPx?: number;
  /** Where the screenshot goes (tests/.artifacts/<group>/<name>.png). */
  screenshot: string;
  /** A desk page whose secondary panels may continue below the fold (the main path still may not). */
  pageMayScroll?: boolean;
  /** Also report text spilling out of its box unclipped (`spilled`; see spilledText). */
  spill?: boolean;
}

export interface FitReport {
  pageScrolls: string[];
  outsideViewport: string[];
  clipped: TextProblem[];
  smallText: { where: string; text: string; px: number }[];
  smallTargets: { where: string; text: string; width: number; height: number }[];
  axe: AxeViolation[];
  /** Only with `spill`. */
  spilled?: TextProblem[];
}

export const FITS: FitReport = { pageScrolls: [], outsideViewport: [], clipped: [], smallText: [], smallTargets: [], axe: [] };

/** Everything wrong with the screen as a person sees it now; `FITS` when nothing is. The screenshot is saved first. */
export async function fitReport(page: Page, options: FitOptions): Promise<FitReport> {
  await page.screenshot({ path: options.screenshot });
  const scroll = await pageScroll(page);
  const pageScrolls: string[] = [];
  if (scroll.height > scroll.viewportHeight && !options.pageMayScroll) pageScrolls.push(`page is ${scroll.height} px tall in a ${scroll.viewportHeight} px viewport`);
  if (scroll.width > scroll.viewportWidth) pageScrolls.push(`page is ${scroll.width} px wide in a ${scroll.viewportWidth} px viewport`);
  const outsideViewport: string[] = [];
  for (const locator of options.mainPath) {
    if ((await locator.count()) === 0) outsideViewport.push(`${String(locator)}: not on screen`);
    for (const { box, inside } of await boxesInViewport(page, locator)) {
      if (!inside) outsideViewport.push(`${String(locator)} at x ${Math.round(box.x)}, y ${Math.round(box.y)}, ${Math.round(box.width)}×${Math.round(box.height)}`);
    }
  }
  return {
    pageScrolls,
    outsideViewport,
    clipped: await clippedText(page),
    smallText: (await smallText(page, options.minFontPx)).slice(0, 10),
    smallTargets: options.minTargetPx ? await smallTargets(page, options.minTargetPx) : [],
    axe: await axeViolations(page),
    ...(options.spill ? { spilled: await spilledText(page) } : {}),
  };
}
