// docs/search.md's claims, through a hall configuration file and the running hall: an alias
// set in `matters[].aliases` finds its matter (with its pinyin and initials, computed by the
// hall), the department's name finds the department's matters, and results are ranked by
// the tickets taken — counted from the event log, so the ranking survives a restart.
// Mutations tried: searchFields ignoring `aliases` (the alias test finds nothing);
// MatterPopularity.observe not counting (popularity stays 0 before the restart);
// rebuild() not reading the event log (0 after the restart).
import { afterAll, describe, expect, it } from 'vitest';
import { demoConfigWith, startHarness, type Harness } from '../../helpers/hall-harness.js';
import type { HallInfoDTO, IssueTicketResponse } from '../../../hall/api/dto.js';
import { searchMatters } from '../../../renderer/shared/search/matterSearch.js';

const open: Harness[] = [];
afterAll(async () => {
  for (const h of open) await h.close();
});

async function hallWith(patch: (c: Record<string, unknown>) => void): Promise<Harness> {
  const h = await startHarness({ configPath: demoConfigWith(patch) });
  open.push(h);
  return h;
}
const matters = async (h: Harness) => (await h.api<HallInfoDTO>('GET', '/api/v1/hall', { terminal: 'kiosk-1' })).body.matters;
type Matter = { id: string; aliases?: string[] };

describe('aliases set in the hall configuration', () => {
  it('find their matter by the word, its pinyin and its initials', async () => {
    const h = await hallWith((c) => {
      const m = (c.matters as Matter[]).find((x) => x.id === 'ybj-03')!;
      m.aliases = ['老病号卡'];
    });
    const list = await matters(h);
    expect(list.find((m) => m.id === 'ybj-03')!.searchTerms).toEqual(expect.arrayContaining([{ text: '老病号卡', pinyin: 'laobinghaoka', initials: 'lbhk', kind: 'alias' }]));
    for (const q of ['老病号卡', 'laobinghao', 'lbhk']) expect(searchMatters(list, q)[0]?.id, q).toBe('ybj-03');
  });

  it('without the alias the word finds nothing', async () => {
    const h = await hallWith((c) => {
      for (const m of c.matters as Matter[]) delete m.aliases;
    });
    const list = await matters(h);
    expect(searchMatters(list, '老病号卡')).toEqual([]);
    expect(searchMatters(list, '过户')).toEqual([]);
    // The department's name still finds its matters.
    expect(searchMatters(list, '住房公积金').map((m) => m.id)).toEqual(expect.arrayContaining(['gjj-01', 'gjj-02', 'gjj-03', 'gjj-04']));
  });
});

describe('ranking by the tickets taken', () => {
  it('puts the matter taken most first for a shared word, from the event log across a restart', async () => {
    const first = await hallWith(() => {});
    expect(searchMatters(await matters(first), '社保')[0]!.id).toBe('rsj-03'); // config order while nobody has taken either
    for (let i = 0; i < 3; i++) {
      const res = await first.api<IssueTicketResponse>('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId: 'rsj-05' } });
      expect(res.status).toBe(201);
    }
    const before = await matters(first);
    expect(before.find((m) => m.id === 'rsj-05')!.popularity).toBe(3);
    expect(searchMatters(before, '社保')[0]!.id).toBe('rsj-05');
    await first.restart();
    const after = await matters(first);
    expect(after.find((m) => m.id === 'rsj-05')!.popularity).toBe(3);
    expect(searchMatters(after, '社保')[0]!.id).toBe('rsj-05');
  });
});
