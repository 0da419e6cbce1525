// Calling policies in the hall configuration file: old ids renamed on load, and warnings for
// policies without a cap (docs/calling-policy.md, "Ratio names" and "Migrating old ids").
//
// Ratios read priority:walkIn. The old ids of the form "ratio-X-Y" did not say which side was
// which — the demo's "ratio-2-1" made 1 priority call to 2 walk-in calls. The loader renames such
// an id after what the policy really does, "priority<P>-walkin<W>" (+ any suffix), and every
// counter's policyId with it, and says so in a notice; the file itself is never rewritten.
// Contract: migratePolicyIds works on the parsed JSON before validation and never drops or
// changes anything but those ids; a new id that another policy already has is left alone.

/** The old, ambiguous form of a ratio policy's id. */
const OLD_RATIO_ID = /^ratio-(\d+)-(\d+)(-[A-Za-z0-9_-]*)?$/;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The unambiguous id of a ratio policy: "priority2-walkin1". */
export function ratioPolicyId(priority: number, walkIn: number, suffix = ''): string {
  return `priority${priority}-walkin${walkIn}${suffix}`;
}

/** Renames old ratio ids in a parsed configuration (in place); returns the notices, one per rename. */
export function migratePolicyIds(raw: unknown): string[] {
  if (!isObj(raw) || !Array.isArray(raw.callingPolicies)) return [];
  const policies = raw.callingPolicies as unknown[];
  const counters = Array.isArray(raw.counters) ? (raw.counters as unknown[]).filter(isObj) : [];
  const taken = new Set(policies.filter(isObj).map((p) => p.id));
  const notices: string[] = [];
  policies.forEach((p, i) => {
    if (!isObj(p) || typeof p.id !== 'string' || p.mode !== 'ratio' || !isObj(p.ratio)) return;
    const m = OLD_RATIO_ID.exec(p.id);
    const { priority, walkIn } = p.ratio;
    if (!m || !Number.isInteger(priority) || !Number.isInteger(walkIn)) return;
    const oldId = p.id;
    const newId = ratioPolicyId(priority as number, walkIn as number, m[3] ?? '');
    if (taken.has(newId)) {
      notices.push(`callingPolicies[${i}].id: "${oldId}" reads ambiguously (ratios read priority:walkIn); not renamed to "${newId}", which another policy has`);
      return;
    }
    p.id = newId;
    taken.add(newId);
    const following = counters.filter((c) => c.policyId === oldId);
    for (const c of following) c.policyId = newId;
    notices.push(
      `callingPolicies[${i}].id: the old id "${oldId}" is now "${newId}": ratios read priority:walkIn, and this policy makes ${String(priority)} priority ` +
        `call(s) to ${String(walkIn)} walk-in call(s)${following.length ? `; counters ${following.map((c) => String(c.id)).join(', ')} follow it under the new id` : ''}. ` +
        `Rename it in the file to silence this notice`,
    );
  });
  return notices;
}

export interface PolicyWarning {
  path: string;
  message: string;
}

/** Configured policies without a cap: their tickets have no latest call time. */
export function uncappedPolicyWarnings(config: { callingPolicies: { id: string; maxWaitMinutes: number | null }[]; counters: { id: string; policyId: string }[] }): PolicyWarning[] {
  const out: PolicyWarning[] = [];
  config.callingPolicies.forEach((p, i) => {
    if (p.maxWaitMinutes !== null) return;
    const following = config.counters.filter((c) => c.policyId === p.id).map((c) => c.id);
    out.push({
      path: `callingPolicies[${i}].maxWaitMinutes`,
      message:
        `calling policy "${p.id}" has no cap (maxWaitMinutes null): its tickets get no latest call time, so nothing bounds a wait` +
        `${following.length ? ` (counters ${following.join(', ')} follow it)` : ' (no counter follows it)'}`,
    });
  });
  return out;
}
