import { describe, expect, it } from 'vitest';
import demoHall from '../../../config/demo-hall.json' with { type: 'json' };
import { demoCatalog, syntheticCatalog } from '../../../central/datasets/demo-catalog.js';
import { demoAppointments, demoCounters, demoGreenRules, demoNotices, demoRatingIndicators, demoStaff, type DemoHallConfig } from '../../../central/datasets/demo-datasets.js';
import { checkPublication } from '../../../central/datasets/validate.js';
import { validateItem, vagueMaterialReason, type Guide } from '../../../protocol/central/downlink/schemas.js';

const cfg = demoHall as unknown as DemoHallConfig & Parameters<typeof demoCatalog>[0];
const guide = (): Guide => structuredClone(demoCatalog(cfg)[0]!);

describe('catalog items (办事指南)', () => {
  it('the demo catalog covers every matter of the demo hall with a valid, complete guide', () => {
    const catalog = demoCatalog(cfg);
    expect(catalog.map((g) => g.code)).toEqual(cfg.matters.map((m) => m.code));
    for (const g of catalog) expect(validateItem('catalog', g.code, g)).toEqual({ ok: true });
  });

  it('synthetic catalogs are valid and distinct', () => {
    const catalog = syntheticCatalog(300);
    expect(new Set(catalog.map((g) => g.code)).size).toBe(300);
    const check = checkPublication('catalog', catalog);
    expect(check.ok).toBe(true);
  });

  it('refuses "其他材料" and other catch-alls with the regulation named', () => {
    const g = guide();
    g.materials.push({ ...g.materials[0]!, name: '其他材料' });
    const r = validateItem('catalog', g.code, g);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toContain(`catalog item "${g.code}"`);
      expect(r.reason).toContain('materials[');
      expect(r.reason).toContain('其他材料');
      expect(r.reason).toContain('000 第九条');
    }
    for (const name of ['有关材料', '相关证明', '身份证明等', '其它需要的文件']) expect(vagueMaterialReason(name)).not.toBeNull();
    for (const name of ['申请人居民身份证', '不动产权证书', '住所使用相关文件']) expect(vagueMaterialReason(name)).toBeNull();
  });

  it('refuses a guide missing a required element, naming it', () => {
    const g = guide() as Partial<Guide>;
    delete g.legalBasis;
    const r = validateItem('catalog', g.code, g);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/legalBasis/);
    const h = guide();
    h.materials = [];
    const r2 = validateItem('catalog', h.code, h);
    expect(!r2.ok && r2.reason).toMatch(/申请材料/);
  });

  it('refuses a charged matter without its fee basis and a promised limit above the statutory one', () => {
    const g = guide();
    g.fees = { charged: true };
    g.timeLimits = { statutory: { value: 5, unit: 'working_days' }, promised: { value: 9, unit: 'working_days' } };
    const r = validateItem('catalog', g.code, g);
    expect(!r.ok && r.reason).toMatch(/收费依据/);
    expect(!r.ok && r.reason).toMatch(/承诺办结时限/);
  });

  it('refuses a key that does not match the matter code', () => {
    const g = guide();
    const r = validateItem('catalog', 'OTHER-1', g);
    expect(!r.ok && r.reason).toMatch(/does not match/);
  });
});

describe('appointments and staff carry no raw personal data', () => {
  const apt = demoAppointments(cfg, Date.UTC(2026, 10, 23, 1), 3)[0]!;

  it('demo appointments, counters, staff, rules, indicators and notices are valid', () => {
    expect(validateItem('appointments', apt.id, apt)).toEqual({ ok: true });
    for (const c of demoCounters(cfg)) expect(validateItem('counters', c.id, c)).toEqual({ ok: true });
    for (const s of demoStaff(cfg)) expect(validateItem('staff', s.id, s)).toEqual({ ok: true });
    for (const r of demoGreenRules(cfg)) expect(validateItem('green_rules', r.id, r)).toEqual({ ok: true });
    for (const r of demoRatingIndicators()) expect(validateItem('rating_indicators', r.code, r)).toEqual({ ok: true });
    for (const n of demoNotices()) expect(validateItem('notices', n.id, n)).toEqual({ ok: true });
  });

  it('refuses an unmasked name, an ID-number field and an ID number hidden in a string', () => {
    const unmasked = validateItem('appointments', apt.id, { ...apt, applicantName: '张三' });
    expect(!unmasked.ok && unmasked.reason).toMatch(/masked/);
    const withId = validateItem('appointments', apt.id, { ...apt, idNumber: '150602199001011234' });
    expect(!withId.ok && withId.reason).toMatch(/idNumber/);
    const hidden = validateItem('notices', 'n1', { id: 'n1', title: '通知', body: '请150602199001011234到窗口', audience: 'all' });
    expect(!hidden.ok && hidden.reason).toMatch(/raw ID number/);
    // The reason never repeats the number itself.
    expect(!hidden.ok && hidden.reason).not.toContain('150602199001011234');
  });

  it('refuses a staff item carrying a PIN hash', () => {
    const s = demoStaff(cfg)[0]!;
    const r = validateItem('staff', s.id, { ...s, pinHash: 'scrypt$00$00' });
    expect(!r.ok && r.reason).toMatch(/pinHash/);
  });
});

describe('checkPublication', () => {
  it('lists every bad item and duplicate keys, and accepts nothing then', () => {
    const catalog = demoCatalog(cfg).slice(0, 3);
    const bad = structuredClone(catalog[1]!);
    bad.materials[0]!.name = '其他材料';
    const r = checkPublication('catalog', [catalog[0], bad, catalog[2], catalog[0]]);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reasons).toHaveLength(2);
      expect(r.reasons[0]).toMatch(/^items\[1\]: .*其他材料/);
      expect(r.reasons[1]).toMatch(/^items\[3\]: .*also items\[0\]/);
    }
  });
});
