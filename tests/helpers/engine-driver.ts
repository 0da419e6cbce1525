// Runs commands through decide → evolve in memory, the way the hall service
// does around its SQLite transaction. Keeps every event for assertions.
import { decide, evolve, type HallCommand, type HallEvent, type HallSetup, type HallState } from '../../hall/domain/index.js';

export interface Recorded {
  at: number;
  event: HallEvent;
}

export class EngineDriver {
  readonly log: Recorded[] = [];
  private ids = 0;

  constructor(
    readonly setup: HallSetup,
    readonly state: HallState,
    public now: number,
  ) {}

  run(cmd: HallCommand): HallEvent[] {
    const events = decide(this.state, this.setup, cmd, this.now);
    for (const e of events) {
      evolve(this.state, e, this.now);
      this.log.push({ at: this.now, event: e });
    }
    return events;
  }

  issue(matterId: string, greenCategory: string | null = null): HallEvent & { type: 'ticket_issued' } {
    const events = this.run({ type: 'issue_ticket', ticketId: `t${++this.ids}`, matterId, greenCategory, kioskId: 'k1' });
    return events.find((e) => e.type === 'ticket_issued') as HallEvent & { type: 'ticket_issued' };
  }

  nextRatingId(): string {
    return `r${++this.ids}`;
  }

  advance(minutes: number): void {
    this.now += minutes * 60_000;
  }
}
