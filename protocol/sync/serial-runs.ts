// Upload runs one at a time (the hall's rating worker and central's forwarder).
// Contract: run() waits for the run in flight before starting its own; stop()
// asks the run in flight to end after its current row (its `stopped()` turns
// true) and waits for it. A later run() starts with a fresh stop flag.
export class SerialRuns<T> {
  private inFlight: Promise<T> | null = null;
  private flag: { stop: boolean } | null = null;

  get busy(): boolean {
    return this.inFlight !== null;
  }

  async run(body: (stopped: () => boolean) => Promise<T>): Promise<T> {
    while (this.inFlight) await this.inFlight.catch(() => undefined);
    const flag = { stop: false };
    this.flag = flag;
    const run = body(() => flag.stop);
    this.inFlight = run;
    try {
      return await run;
    } finally {
      this.inFlight = null;
      if (this.flag === flag) this.flag = null;
    }
  }

  async stop(): Promise<void> {
    if (this.flag) this.flag.stop = true;
    await this.inFlight?.catch(() => undefined);
  }
}
