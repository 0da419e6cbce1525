// The 一次性告知 layout (hall/devices/notice-job.ts) through the real printer driver's
// renderer and decoder, for every bundled printer model: long guides (more blocks than
// one driver template holds) still print whole with one cut, texts longer than a block
// are split without losing a character, "{…}" in guide text is printed literally, and no
// line is wider than the model's paper.
import { describe, expect, test } from 'vitest';
import demoHall from '../../../config/demo-hall.json' with { type: 'json' };
import { demoCatalog } from '../../../central/datasets/demo-catalog.js';
import { BUNDLED_PROFILE_IDS, decodeEscPos, loadPrinterProfile, splitAtCuts, textLines } from '../../../drivers/printer/index.js';
import { guideSchema, type Guide } from '../../../protocol/central/downlink/schemas.js';
import { noticeBlocks, renderNotice, timeLimitText, type NoticeContext } from '../../../hall/devices/notice-job.js';

const base = demoCatalog(demoHall as unknown as Parameters<typeof demoCatalog>[0])[0]!;
const ctx: NoticeContext = { hallName: '东胜区政务服务中心', printedAtText: '2026-11-23 09:41', catalogVersion: 7, enquiryCounterText: '1号窗口 综合受理窗口（A区）' };

function longGuide(): Guide {
  const guide: Guide = {
    ...base,
    materials: Array.from({ length: 60 }, (_, i) => ({
      name: `第${i + 1}号申请表`,
      source: 'applicant' as const,
      originals: 1,
      copies: 1,
      required: i % 4 !== 0,
      ...(i % 4 === 0 ? { condition: `委托他人代办的（第${i}种）` } : {}),
      format: 'paper' as const,
      spec: 'A4',
    })),
    acceptPending: undefined,
    location: `东胜区政务服务中心一楼综合受理区${'（沿大厅东侧通道直行，经自助服务区后右转）'.repeat(20)}终点`,
    hours: '工作日 {hallName} 9:00—17:00',
  };
  expect(guideSchema.safeParse(guide).success).toBe(true);
  return guide;
}

describe('the one-time notice layout', () => {
  test('a guide longer than one driver template prints whole, in one cut notice', () => {
    const guide = longGuide();
    expect(noticeBlocks(guide, ctx).length).toBeGreaterThan(100);
    const rendered = renderNotice(guide, ctx, loadPrinterProfile('snbc-bk-t080'));
    const docs = splitAtCuts(decodeEscPos(rendered.bytes)).filter((d) => d.length > 0);
    expect(docs).toHaveLength(1);
    const text = textLines(docs[0]!).join('');
    guide.materials.forEach((m, i) => expect(text, `material ${i + 1}`).toContain(m.name));
    expect(text).toContain('请携带以下全部材料（共 60 项，其中必须提交 45 项）');
    // The long location survives its split into several blocks, end included.
    expect(text).toContain(guide.location.replace(/\s+/g, ''));
    // "{hallName}" in a guide is text, not a placeholder.
    expect(text).toContain('｛hallName｝');
    expect(text).toContain('版本 7');
  });

  test.each(BUNDLED_PROFILE_IDS)('%s: no printed line is wider than the paper', (id) => {
    const profile = loadPrinterProfile(id);
    const rendered = renderNotice(longGuide(), ctx, profile);
    const lines = textLines(decodeEscPos(rendered.bytes).elements);
    const maxColumns = Math.floor(profile.paperWidthDots / profile.asciiCellDots.width);
    const columns = (s: string) => [...s].reduce((n, c) => n + ((c.codePointAt(0) ?? 0) > 0x7f ? 2 : 1), 0);
    expect(Math.max(...lines.map(columns))).toBeLessThanOrEqual(maxColumns);
    expect(lines.length).toBeGreaterThan(60 * 2);
  });

  test('time limits read as the guide gives them', () => {
    expect(timeLimitText({ value: 30, unit: 'working_days' })).toBe('30个工作日');
    expect(timeLimitText({ value: 15, unit: 'natural_days' })).toBe('15个自然日');
    expect(timeLimitText({ value: 4, unit: 'hours' })).toBe('4小时');
    expect(timeLimitText({ value: 0, unit: 'immediate' })).toBe('即办');
  });
});
