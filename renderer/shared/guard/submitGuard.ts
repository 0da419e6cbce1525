// Double-submit guard. Staff press Space fast and often; touch screens bounce. A command
// must run once per intention: while one is in flight every other command is dropped, and
// the same command is dropped again for `cooldownMs` after it finished (a fast double
// Space must not call two visitors, even when the first answer came back in 5 ms).
export interface SubmitGuard {
  /** True when `command` may start now; the caller must call finish() afterwards. */
  tryBegin(command: string): boolean;
  finish(command: string): void;
  readonly busy: boolean;
}

export interface SubmitGuardOptions {
  cooldownMs?: number;
  now?: () => number;
}

export function createSubmitGuard(options: SubmitGuardOptions = {}): SubmitGuard {
  const cooldownMs = options.cooldownMs ?? 800;
  const now = options.now ?? (() => Date.now());
  let inFlight: string | null = null;
  const finishedAt = new Map<string, number>();
  return {
    tryBegin(command) {
      if (inFlight !== null) return false;
      const last = finishedAt.get(command);
      if (last !== undefined && now() - last < cooldownMs) return false;
      inFlight = command;
      return true;
    },
    finish(command) {
      if (inFlight === command) inFlight = null;
      finishedAt.set(command, now());
    },
    get busy() {
      return inFlight !== null;
    },
  };
}

/** Runs `task` under the guard; resolves undefined when the guard dropped it. */
export async function guarded<T>(guard: SubmitGuard, command: string, task: () => Promise<T>): Promise<T | undefined> {
  if (!guard.tryBegin(command)) return undefined;
  try {
    return await task();
  } finally {
    guard.finish(command);
  }
}
