// Long-poll waiting rooms keyed by string (a hall, a hall's ticket). Contract: wait(keys, ms)
// resolves on the first wake() of any of its keys or after ms, whichever comes first, and never
// rejects; wakeAll() releases everyone (server close). A waiter costs a timer and a set entry —
// no database query — so a thousand phones waiting on one hall cost one wake loop per push.
// Dangers: timers are real time (a long-poll holds a socket for real seconds); keep ms bounded.
export class Waiters {
  private readonly rooms = new Map<string, Set<() => void>>();

  wait(keys: readonly string[], ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        for (const k of keys) {
          const room = this.rooms.get(k);
          room?.delete(done);
          if (room && room.size === 0) this.rooms.delete(k);
        }
        resolve();
      };
      for (const k of keys) {
        let room = this.rooms.get(k);
        if (!room) this.rooms.set(k, (room = new Set()));
        room.add(done);
      }
      const timer = setTimeout(done, Math.max(0, ms));
    });
  }

  wake(key: string): void {
    const room = this.rooms.get(key);
    if (!room) return;
    for (const done of [...room]) done();
  }

  wakeAll(): void {
    for (const k of [...this.rooms.keys()]) this.wake(k);
  }

  /** How many waiters wait on key (tests, bench). */
  count(key: string): number {
    return this.rooms.get(key)?.size ?? 0;
  }
}
