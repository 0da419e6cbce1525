import { describe, expect, test } from 'vitest';
import { createSubmitGuard, guarded } from '../../../renderer/shared/guard/submitGuard';

function fakeClock() {
  let now = 1_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('double-submit guard', () => {
  test('a fast double Space calls one visitor, even when the first answer came back at once', async () => {
    const clock = fakeClock();
    const guard = createSubmitGuard({ cooldownMs: 800, now: clock.now });
    let calls = 0;
    await guarded(guard, 'call_next', async () => void calls++);
    clock.advance(120);
    await guarded(guard, 'call_next', async () => void calls++);
    expect(calls).toBe(1);
    clock.advance(800);
    await guarded(guard, 'call_next', async () => void calls++);
    expect(calls).toBe(2);
  });

  test('while one command is in flight every other command is dropped', async () => {
    const guard = createSubmitGuard({ now: () => 0 });
    let release!: () => void;
    const first = guarded(guard, 'finish', () => new Promise<void>((r) => (release = r)));
    expect(guard.busy).toBe(true);
    expect(await guarded(guard, 'call_next', async () => 'ran')).toBeUndefined();
    release();
    await first;
    expect(guard.busy).toBe(false);
    expect(await guarded(guard, 'call_next', async () => 'ran')).toBe('ran');
  });

  test('a failed command frees the guard', async () => {
    const clock = fakeClock();
    const guard = createSubmitGuard({ cooldownMs: 800, now: clock.now });
    await expect(guarded(guard, 'recall', async () => Promise.reject(new Error('offline')))).rejects.toThrow('offline');
    expect(guard.busy).toBe(false);
    expect(guard.tryBegin('start')).toBe(true);
  });
});
