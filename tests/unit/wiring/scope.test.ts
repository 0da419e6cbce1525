// The wiring's scope (hall/wiring/scope.ts): a failure at any step closes what opened before
// it, last first, once. Mutations checked: closing in registration order fails the order
// tests; dropping the catch in withScope fails the failed-step test; rethrowing the close
// error instead of the start's fails the "start's cause wins" test.
import { describe, expect, it } from 'vitest';
import { Scope, withScope } from '../../../hall/wiring/scope.js';

function recorder() {
  const closed: string[] = [];
  const part = (name: string) => ({ name, close: async () => void closed.push(name) });
  return { closed, part };
}

describe('Scope', () => {
  it('closes parts last first, each once, even when close() is called twice', async () => {
    const { closed, part } = recorder();
    const scope = new Scope();
    scope.own(part('lock'));
    scope.own(part('db'));
    scope.defer(() => void closed.push('timers'));
    await Promise.all([scope.close(), scope.close()]);
    await scope.close();
    expect(closed).toEqual(['timers', 'db', 'lock']);
  });

  it.each([1, 2, 3])('a failure at step %i closes exactly the steps before it, in reverse', async (failAt) => {
    const { closed, part } = recorder();
    const steps = ['lock', 'db', 'server'];
    await expect(
      withScope(async (scope) => {
        steps.forEach((name, i) => {
          if (i + 1 === failAt) throw new Error(`${name} failed`);
          scope.own(part(name));
        });
      }),
    ).rejects.toThrow(`${steps[failAt - 1]} failed`);
    expect(closed).toEqual(steps.slice(0, failAt - 1).reverse());
  });

  it("a close that throws does not stop the others, and the start's cause wins", async () => {
    const { closed, part } = recorder();
    const err = await withScope(async (scope) => {
      scope.own(part('lock'));
      scope.defer(() => {
        throw new Error('close failed');
      });
      scope.own(part('db'));
      throw new Error('listen failed');
    }).catch((e: unknown) => e);
    expect((err as Error).message).toBe('listen failed');
    expect(closed).toEqual(['db', 'lock']);
  });

  it('a normal close reports the first close failure after closing the rest', async () => {
    const { closed, part } = recorder();
    const scope = new Scope();
    scope.own(part('lock'));
    scope.defer(() => {
      throw new Error('hub close failed');
    });
    await expect(scope.close()).rejects.toThrow('hub close failed');
    expect(closed).toEqual(['lock']);
    expect(() => scope.own(part('late'))).toThrow(/closing/);
  });
});
