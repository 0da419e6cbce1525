// Which calling policies the admin page warns about (issue 12), pure: a policy without a cap
// (maxWaitMinutes null: nothing bounds a wait) and a ratio giving priority classes fewer calls
// than walk-ins (only possible when the hall set allowFewerPriorityCalls). The list comes from
// GET /api/v1/admin/simulate/policies: the shipped library and the hall's configured policies.
import type { PolicySummaryDTO } from '../../hall/api/contract';

export interface PolicyWarning {
  id: string;
  name: string;
  kind: 'no_cap' | 'fewer_priority';
  ratio: { priority: number; walkIn: number };
}

export function policyWarnings(policies: PolicySummaryDTO[]): PolicyWarning[] {
  const out: PolicyWarning[] = [];
  for (const p of policies) {
    if (p.maxWaitMinutes === null) out.push({ id: p.id, name: p.name, kind: 'no_cap', ratio: p.ratio });
    if (p.mode === 'ratio' && p.ratio.priority < p.ratio.walkIn) out.push({ id: p.id, name: p.name, kind: 'fewer_priority', ratio: p.ratio });
  }
  return out;
}
