// Policy references for the simulator: shipped and configured ids, inline
// objects checked by the hall's schema, and plain-words errors.
import { describe, expect, it } from 'vitest';
import { inlinePolicyProblems, policyCatalog, resolvePolicy, setupWithPolicy, shippedPolicies } from '../../../hall/simulator/policies.js';
import { demoSetup } from './demo.js';

const setup = demoSetup();

describe('simulator policies', () => {
  it('ships the policies the benchmarks and docs name, each usable by the engine', () => {
    const ids = shippedPolicies(setup).map((p) => p.id);
    expect(ids).toEqual(expect.arrayContaining(['default', 'strict-green', 'strict', 'priority2-walkin1-nocap', 'priority3-walkin1-aging', 'weighted-targets']));
    for (const p of shippedPolicies(setup)) expect(inlinePolicyProblems(p)).toEqual([]);
  });

  it('takes aging from the hall default so a comparison changes one thing', () => {
    const shipped = new Map(shippedPolicies(setup).map((p) => [p.id, p]));
    const otherDefault = { ...setup.policies.get('default')!, maxWaitMinutes: 75 };
    const other = new Map(shippedPolicies({ ...setup, policies: new Map([['default', otherDefault]]) }).map((p) => [p.id, p]));
    expect(shipped.get('strict-green')!.maxWaitMinutes).toBe(setup.policies.get('default')!.maxWaitMinutes);
    expect(other.get('strict-green')!.maxWaitMinutes).toBe(75);
    expect(other.get('priority3-walkin1-aging')!.maxWaitMinutes).toBe(75);
    expect(shipped.get('strict')!.maxWaitMinutes).toBeNull();
  });

  it('lets the configured policies and then extra ones win over shipped ones with the same id', () => {
    for (const [id, p] of setup.policies) expect(policyCatalog(setup).get(id)).toBe(p);
    const mine = { ...shippedPolicies(setup)[1]!, name: 'mine' };
    expect(policyCatalog(setup, [mine]).get(mine.id)!.name).toBe('mine');
  });

  it('names the unknown id and lists the known ones', () => {
    expect(() => resolvePolicy('fastest', policyCatalog(setup), '--policy-a')).toThrow(/--policy-a: no calling policy "fastest"; known: default, strict-green/);
  });

  it('refuses an inline policy with the reason and the field', () => {
    const bad = { id: 'x', name: 'x', classOrder: ['green', 'green', 'walk_in'], mode: 'ratio', maxWaitMinutes: 30 };
    expect(() => resolvePolicy(bad, policyCatalog(setup), 'policyB')).toThrow(/policyB is not a valid calling policy: .*classOrder/);
    expect(inlinePolicyProblems({ ...bad, classOrder: ['green', 'appointment', 'walk_in'], extra: 1 }).join(' ')).toMatch(/extra/);
  });

  it('makes every counter follow the simulated policy without touching the original setup', () => {
    const p = policyCatalog(setup).get('priority2-walkin1-nocap')!;
    const before = [...setup.counters.values()].map((c) => c.policyId);
    const s = setupWithPolicy(setup, p);
    expect([...s.counters.values()].every((c) => c.policyId === p.id)).toBe(true);
    expect(s.policies.get(p.id)).toBe(p);
    expect([...setup.counters.values()].map((c) => c.policyId)).toEqual(before);
  });
});
