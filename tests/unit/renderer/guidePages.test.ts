// The kiosk's 办事指南 pages (renderer/kiosk/screens/GuidePages.tsx): every material on
// exactly one page, numbered across pages, in the API's order; sections start pages; no
// page over capacity unless one entry alone is; 大字 mode never shows more per page.
import { describe, expect, test } from 'vitest';
import demoHall from '../../../config/demo-hall.json' with { type: 'json' };
import { demoCatalog, syntheticCatalog } from '../../../central/datasets/demo-catalog';
import { guideSchema } from '../../../protocol/central/downlink/schemas';
import type { CounterSummaryDTO, GuideDTO, MatterGuideDTO } from '../../../hall/api/dto';
import { entryWeight, enquiryCounters, guidePages, pageCapacity, sectionStarts, type GuideEntry } from '../../../renderer/kiosk/screens/GuidePages';

const dtoOf = (guide: GuideDTO): MatterGuideDTO => ({
  matterId: 'm',
  matterCode: guide.code,
  catalogVersion: 1,
  syncedAt: null,
  materials: [...guide.materials].sort((a, b) => Number(b.required) - Number(a.required)),
  guide,
});
const demo = demoCatalog(demoHall as unknown as Parameters<typeof demoCatalog>[0]);

/** A guide with many materials, some long and some optional, that still passes the catalog schema. */
function bigGuide(materials: number): GuideDTO {
  const base = demo[0]!;
  const guide: GuideDTO = {
    ...base,
    materials: Array.from({ length: materials }, (_, i) => ({
      name: `第${i + 1}号申请表${i % 7 === 0 ? '（含附表：房屋坐落、面积、用途、共有情况与权利来源的逐项说明）' : ''}`,
      source: 'applicant' as const,
      originals: 1,
      copies: i % 2,
      required: i % 3 !== 0,
      ...(i % 3 === 0 ? { condition: `申请人属于第${i}种情形的` } : {}),
      format: 'paper' as const,
    })),
    acceptPending: undefined,
  };
  expect(guideSchema.safeParse(guide).success).toBe(true);
  return guide;
}

const materialsOf = (pages: ReturnType<typeof guidePages>) =>
  pages.flatMap((p) => p.entries.filter((e): e is Extract<GuideEntry, { kind: 'material' }> => e.kind === 'material'));

describe('guidePages', () => {
  test.each([
    ['demo guide', dtoOf(demo[0]!)],
    ['40 materials', dtoOf(bigGuide(40))],
    ['synthetic', dtoOf(syntheticCatalog(3)[2]! as GuideDTO)],
  ])('%s: every material exactly once, in the API order, numbered 1..n across pages', (_, dto) => {
    for (const capacity of [pageCapacity(false, true), pageCapacity(true, true), pageCapacity(true, false), 3]) {
      const shown = materialsOf(guidePages(dto, capacity));
      expect(shown.map((e) => e.material.name)).toEqual(dto.materials.map((m) => m.name));
      expect(shown.map((e) => e.number)).toEqual(dto.materials.map((_, i) => i + 1));
    }
  });

  test('no page holds more than its capacity unless a single entry is larger', () => {
    const dto = dtoOf(bigGuide(40));
    for (const capacity of [5, 9, 18]) {
      for (const page of guidePages(dto, capacity)) {
        const used = page.entries.reduce((n, e) => n + entryWeight(e), 0);
        if (page.entries.length > 1) expect(used).toBeLessThanOrEqual(capacity);
      }
    }
  });

  test('large type (less capacity) never gives fewer pages, and gives more for a long list', () => {
    const dto = dtoOf(bigGuide(40));
    const normal = guidePages(dto, pageCapacity(false, true)).length;
    const large = guidePages(dto, pageCapacity(true, true)).length;
    expect(large).toBeGreaterThan(normal);
    expect(pageCapacity(true, true)).toBeLessThan(pageCapacity(false, true));
    expect(pageCapacity(true, false)).toBeLessThan(pageCapacity(false, false));
  });

  test('each section starts its own page, in the order who, materials, time, where', () => {
    const pages = guidePages(dtoOf(demo[3]!), 100);
    expect(pages.map((p) => p.section)).toEqual(['who', 'materials', 'time', 'where']);
    expect(sectionStarts(pages)).toEqual([
      { section: 'who', page: 0 },
      { section: 'materials', page: 1 },
      { section: 'time', page: 2 },
      { section: 'where', page: 3 },
    ]);
    const where = pages[3]!.entries;
    expect(where.filter((e) => e.kind === 'phone').map((e) => (e as { which: string }).which)).toEqual(['enquiry', 'complaint']);
  });

  test('the materials section opens with the count of all and of mandatory materials', () => {
    const dto = dtoOf(bigGuide(12));
    const first = guidePages(dto, 18).find((p) => p.section === 'materials')!.entries[0]!;
    expect(first).toEqual({ kind: 'materialsSummary', total: 12, required: dto.materials.filter((m) => m.required).length });
  });
});

describe('enquiryCounters', () => {
  const counter = (number: number, kind: string): CounterSummaryDTO => ({
    id: `c${number}`,
    number,
    name: `${number}`,
    kind,
    area: '',
    status: 'idle',
    staff: null,
    currentTicketNumber: null,
    queueIds: [],
  });

  test('names the enquiry counters when the hall has them, else the general ones, by number', () => {
    expect(enquiryCounters([counter(3, 'general'), counter(9, 'enquiry'), counter(1, 'general')]).map((c) => c.number)).toEqual([9]);
    expect(enquiryCounters([counter(3, 'general'), counter(5, 'domain'), counter(1, 'general')]).map((c) => c.number)).toEqual([1, 3]);
    expect(enquiryCounters([counter(5, 'domain')])).toEqual([]);
  });
});
