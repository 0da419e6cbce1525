// The admin page's 叫号策略提醒 (renderer/admin/policyWarnings.ts) over what the hall serves at
// GET /api/v1/admin/simulate/policies: the shipped policies without a cap (strict, priority2-walkin1-nocap)
// are named, capped ones are not, and an explicitly allowed inverted ratio is.
// Mutation checked: testing `maxWaitMinutes === 0` instead of null lists nothing and fails.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadHallConfig } from '../../../hall/config/load.js';
import { hallSetupFrom } from '../../../hall/config/setup.js';
import { policyCatalog } from '../../../hall/simulator/policies.js';
import { policyWarnings } from '../../../renderer/admin/policyWarnings.js';

const setup = hallSetupFrom(loadHallConfig(path.resolve(import.meta.dirname, '../../../config/demo-hall.json')));
const summaries = [...policyCatalog(setup).values()].map((p) => ({ id: p.id, name: p.name, mode: p.mode, classOrder: p.classOrder, ratio: p.ratio, maxWaitMinutes: p.maxWaitMinutes, queueOrder: p.queueOrder }));

describe('calling-policy warnings on the admin page', () => {
  it('names the shipped policies without a cap, and only them', () => {
    expect(policyWarnings(summaries).map((w) => `${w.id}:${w.kind}`).sort()).toEqual(['priority2-walkin1-nocap:no_cap', 'strict:no_cap']);
  });

  it('names a ratio that gives priority classes fewer calls than walk-ins', () => {
    const inverted = { ...summaries[0]!, id: 'priority1-walkin2', mode: 'ratio' as const, ratio: { priority: 1, walkIn: 2 }, maxWaitMinutes: 30 };
    expect(policyWarnings([inverted])).toEqual([{ id: 'priority1-walkin2', name: inverted.name, kind: 'fewer_priority', ratio: { priority: 1, walkIn: 2 } }]);
  });
});
