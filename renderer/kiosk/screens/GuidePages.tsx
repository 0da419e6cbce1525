// The 办事指南 cut into kiosk pages (适老化: paging with big buttons, no tiny scrolling).
// Pure: no React state, no I/O — GuideScreen renders what these functions decide.
// Contract: guidePages() puts every entry of the guide on exactly one page, in order —
// above all every material, numbered across pages (a 一次性告知 that silently drops one
// would send a visitor home twice). Sections start on a new page, so the section
// buttons jump straight to them. An entry larger than a page gets a page of its own,
// never cut in half. Page capacity is in estimated text lines and shrinks in 大字 mode.
import type { CounterSummaryDTO, GuideDTO, GuideMaterialDTO, MatterGuideDTO } from '../../../hall/api/dto';

export type GuideSection = 'who' | 'materials' | 'time' | 'where';
export const GUIDE_SECTIONS: readonly GuideSection[] = ['who', 'materials', 'time', 'where'];

export type GuideEntry =
  | { kind: 'applicants'; objects: GuideDTO['serviceObjects'] }
  | { kind: 'condition'; text: string }
  | { kind: 'caseType'; caseType: GuideDTO['caseType'] }
  | { kind: 'materialsSummary'; total: number; required: number }
  | { kind: 'material'; number: number; material: GuideMaterialDTO }
  | { kind: 'acceptPending'; names: string[] }
  | { kind: 'timeLimits'; timeLimits: GuideDTO['timeLimits'] }
  | { kind: 'fees'; fees: GuideDTO['fees'] }
  | { kind: 'place'; which: 'location' | 'hours'; text: string }
  | { kind: 'phone'; which: 'enquiry' | 'complaint'; phone: string; other?: string };

export interface GuidePage {
  section: GuideSection;
  entries: GuideEntry[];
}

/** Characters that fit a kiosk line, roughly (normal type, portrait); used to weigh long texts. */
const LINE_CHARS = 26;
const lines = (text: string, extra = 0) => Math.max(1, Math.ceil([...text].length / LINE_CHARS)) + extra;

/** Estimated height of an entry in text lines (headings included). */
export function entryWeight(e: GuideEntry): number {
  switch (e.kind) {
    case 'applicants':
      return 2;
    case 'condition':
      return lines(e.text);
    case 'caseType':
      return 2;
    case 'materialsSummary':
      return lines('x'.repeat(40));
    case 'material':
      return lines(e.material.name) + 1 + (e.material.condition ? lines(e.material.condition) : 0) + (e.material.notes ? lines(e.material.notes) : 0);
    case 'acceptPending':
      return lines(e.names.join('、'), 1);
    case 'timeLimits':
      return 3;
    case 'fees':
      return 1 + (e.fees.items ?? []).reduce((n, f) => n + lines(f.name + f.standard) + lines(f.basis), 0) + (e.fees.charged ? 0 : 1);
    case 'place':
      return lines(e.text, 1);
    case 'phone':
      return 2 + (e.other ? lines(e.other) : 0);
  }
}

/** Every entry of a guide with its section, in reading order. */
export function guideEntries(dto: Pick<MatterGuideDTO, 'guide' | 'materials'>): { section: GuideSection; entry: GuideEntry }[] {
  const g = dto.guide;
  const out: { section: GuideSection; entry: GuideEntry }[] = [];
  const add = (section: GuideSection, entry: GuideEntry) => out.push({ section, entry });
  add('who', { kind: 'applicants', objects: g.serviceObjects });
  for (const text of g.conditions) add('who', { kind: 'condition', text });
  add('who', { kind: 'caseType', caseType: g.caseType });
  const materials = dto.materials;
  add('materials', { kind: 'materialsSummary', total: materials.length, required: materials.filter((m) => m.required).length });
  materials.forEach((material, i) => add('materials', { kind: 'material', number: i + 1, material }));
  if (g.acceptPending?.length) add('materials', { kind: 'acceptPending', names: g.acceptPending });
  add('time', { kind: 'timeLimits', timeLimits: g.timeLimits });
  add('time', { kind: 'fees', fees: g.fees });
  add('where', { kind: 'place', which: 'location', text: g.location });
  add('where', { kind: 'place', which: 'hours', text: g.hours });
  add('where', { kind: 'phone', which: 'enquiry', phone: g.enquiry.phone, ...(g.enquiry.other ? { other: g.enquiry.other } : {}) });
  add('where', { kind: 'phone', which: 'complaint', phone: g.complaint.phone, ...(g.complaint.other ? { other: g.complaint.other } : {}) });
  return out;
}

/** Lines of guide text per page: fewer in 大字 mode and on a landscape screen. */
export function pageCapacity(largeType: boolean, portrait: boolean): number {
  if (largeType) return portrait ? 5 : 5; // checked by tests/e2e/kiosk-search.test.ts (portrait 大字: 9 ran ~300 px over)
  return portrait ? 18 : 7; // landscape: 取号/打印/QR sit beside the page (guide-layout.css), the height is the limit
}

/** Greedy paging within each section; a section always starts a page. */
export function guidePages(dto: Pick<MatterGuideDTO, 'guide' | 'materials'>, capacity: number): GuidePage[] {
  const pages: GuidePage[] = [];
  let current: GuidePage | null = null;
  let used = 0;
  for (const { section, entry } of guideEntries(dto)) {
    const weight = entryWeight(entry);
    if (!current || current.section !== section || (used + weight > capacity && current.entries.length > 0)) {
      current = { section, entries: [] };
      pages.push(current);
      used = 0;
    }
    current.entries.push(entry);
    used += weight;
  }
  return pages;
}

/** The first page of each section present, for the section buttons. */
export function sectionStarts(pages: readonly GuidePage[]): { section: GuideSection; page: number }[] {
  return GUIDE_SECTIONS.flatMap((section) => {
    const page = pages.findIndex((p) => p.section === section);
    return page >= 0 ? [{ section, page }] : [];
  });
}

/** Where visitors ask (综合咨询): the enquiry counters, else the general (一窗受理) ones. */
export function enquiryCounters(counters: readonly CounterSummaryDTO[]): CounterSummaryDTO[] {
  const enquiry = counters.filter((c) => c.kind === 'enquiry');
  return (enquiry.length ? enquiry : counters.filter((c) => c.kind === 'general')).slice().sort((a, b) => a.number - b.number);
}
