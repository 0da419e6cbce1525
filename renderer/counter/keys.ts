// Counter keyboard map (staff work keyboard-first all day). Pure: decides what a key does.
// Contract: a mapped key always has its browser default prevented (F5 must never reload
// the page, Space must never scroll or click a focused button twice); auto-repeat from a
// held key never triggers a command; keys with Ctrl/Alt/Meta are left to the browser.
import type { CounterAction, CounterStatus } from '../../hall/api/dto';

export type CounterCommand = Exclude<CounterAction, 'pause' | 'resume'> | 'pause_toggle';

export interface KeyLike {
  key: string;
  code?: string;
  repeat?: boolean;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
}

export interface KeyDecision {
  command: CounterCommand | null;
  preventDefault: boolean;
}

/** The keys of each command, in the order shown on its button. */
export const commandKeys: Record<CounterCommand, readonly string[]> = {
  call_next: ['Space', 'F1'],
  recall: ['F2'],
  no_show: ['F3'],
  finish: ['F4'],
  start: ['F5'],
  transfer: ['F6'],
  call_specific: ['F7'],
  pause_toggle: ['F8'],
  suspend: ['F9'],
  resume_suspended: ['F10'],
  rejoin: ['F12'],
};

/** Commands that open a dialog (a picker, a reason, a number) instead of acting at once. */
export const dialogCommands = new Set<CounterCommand>(['transfer', 'call_specific', 'suspend', 'resume_suspended', 'rejoin']);
export type DialogCommand = 'transfer' | 'call_specific' | 'suspend' | 'resume_suspended' | 'rejoin';
export const isDialogCommand = (c: CounterCommand): c is DialogCommand => dialogCommands.has(c);

const byKey = new Map<string, CounterCommand>();
for (const [command, keys] of Object.entries(commandKeys) as [CounterCommand, readonly string[]][]) {
  for (const k of keys) byKey.set(k, command);
}

function keyName(e: KeyLike): string {
  if (e.key === ' ' || e.key === 'Spacebar' || e.code === 'Space') return 'Space';
  return e.key;
}

export function decideKey(e: KeyLike): KeyDecision {
  if (e.ctrlKey || e.altKey || e.metaKey) return { command: null, preventDefault: false };
  const command = byKey.get(keyName(e)) ?? null;
  if (!command) return { command: null, preventDefault: false };
  return { command: e.repeat ? null : command, preventDefault: true };
}

/** F8 pauses a working counter and resumes a paused one. */
export function pauseToggleAction(status: CounterStatus): 'pause' | 'resume' {
  return status === 'paused' ? 'resume' : 'pause';
}

export function actionForCommand(command: CounterCommand, status: CounterStatus): CounterAction {
  return command === 'pause_toggle' ? pauseToggleAction(status) : command;
}

/** URL segment of each action (docs/api.md). */
export const actionPath: Record<CounterAction, string> = {
  call_next: 'call-next',
  recall: 'recall',
  start: 'start',
  finish: 'finish',
  no_show: 'no-show',
  transfer: 'transfer',
  pause: 'pause',
  resume: 'resume',
  call_specific: 'call-specific',
  suspend: 'suspend',
  resume_suspended: 'resume-suspended',
  // 过号重排 has its own endpoint (POST /counters/:id/rejoin), not an action path.
  rejoin: 'rejoin',
};

/** Keys typed into a form field are text, not commands. */
export function isTypingTarget(target: { tagName?: string; isContentEditable?: boolean } | null): boolean {
  if (!target) return false;
  const tag = (target.tagName ?? '').toUpperCase();
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable === true;
}
