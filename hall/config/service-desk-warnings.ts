// Warnings about a hall configuration that is valid but falls short of a rule: the hall
// starts, the loader logs each warning, and the admin page shows them (docs/service-desk.md).
// Contract: pure; an empty list means nothing to warn about.
import type { HallConfig } from './schema.js';

export interface ConfigWarning {
  code: 'no_unresolved_counter' | 'no_leader_on_duty';
  path: string;
  message: string;
}

/**
 * 004 第三十三条 (办不成事反映窗口) and 003 §二.5: a hall needs a counter where visitors go when they
 * could not get a thing done — an unresolved-issue counter, or at least a general (综合) counter that
 * takes those cases — and a leader on duty on site to answer them.
 */
export function configWarnings(config: Pick<HallConfig, 'counters' | 'serviceDesk'>): ConfigWarning[] {
  const warnings: ConfigWarning[] = [];
  if (!config.counters.some((c) => c.kind === 'unresolved')) {
    const general = config.counters.some((c) => c.kind === 'general');
    warnings.push({
      code: 'no_unresolved_counter',
      path: 'counters',
      message: general
        ? 'no unresolved-issue counter (办不成事反映窗口): the general counters take 办不成事 cases; add a counter of kind "unresolved" (004 第三十三条)'
        : 'no unresolved-issue counter (办不成事反映窗口) and no general counter to take 办不成事 cases: add a counter of kind "unresolved" (004 第三十三条)',
    });
  }
  if (config.serviceDesk.leadersOnDuty.length === 0) {
    warnings.push({ code: 'no_leader_on_duty', path: 'serviceDesk.leadersOnDuty', message: 'no leader on duty on site is named: 办不成事 cases cannot be escalated (004 第三十三条)' });
  }
  return warnings;
}
