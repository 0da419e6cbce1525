// A page's view loads (renderer/shared/live/viewLoader.ts, used by useHallView): a load that began
// before a command's answer was put on screen must not overwrite it with older data.
// Mutation checked: dropping the `began === epoch` check → "discards a load begun before replaced()"
// fails (the older view is shown).
import { describe, expect, it } from 'vitest';
import { createViewLoader } from '../../../renderer/shared/live/viewLoader';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function harness() {
  const loads: ReturnType<typeof deferred<string>>[] = [];
  const shown: string[] = [];
  const errors: unknown[] = [];
  const timers: (() => void)[] = [];
  const loader = createViewLoader<string>({
    minIntervalMs: 0,
    setTimer: (fn) => timers.push(fn),
    clearTimer: () => undefined,
    load: () => {
      const d = deferred<string>();
      loads.push(d);
      return d.promise;
    },
    onData: (data) => shown.push(data),
    onError: (error) => errors.push(error),
  });
  return { loader, loads, shown, errors, timers };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('view loader', () => {
  it('shows what a load brings', async () => {
    const h = harness();
    h.loader.request();
    h.loads[0]!.resolve('v1');
    await settle();
    expect(h.shown).toEqual(['v1']);
  });

  it('discards a load begun before replaced(), then loads again', async () => {
    const h = harness();
    h.loader.request();
    h.loader.replaced(); // the command's answer is on screen now
    h.loads[0]!.resolve('older view');
    await settle();
    expect(h.shown).toEqual([]);
    expect(h.loads).toHaveLength(2); // a fresh load follows the discarded one
    h.loads[1]!.resolve('fresh view');
    await settle();
    expect(h.shown).toEqual(['fresh view']);
  });

  it('discards an error of a load begun before replaced()', async () => {
    const h = harness();
    h.loader.request();
    h.loader.replaced();
    h.loads[0]!.reject(new Error('offline'));
    await settle();
    expect(h.errors).toEqual([]);
  });

  it('calls nothing after dispose()', async () => {
    const h = harness();
    h.loader.request();
    h.loader.dispose();
    h.loads[0]!.resolve('late');
    await settle();
    expect(h.shown).toEqual([]);
  });
});
