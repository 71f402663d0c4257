/**
 * A timer queue for controller tests: scheduled slices wait here until the
 * test runs them, in place of the browser's timers or animation frames.
 */
export class ManualScheduler {
  readonly queue: (() => void)[] = [];

  schedule = (callback: () => void): (() => void) => {
    this.queue.push(callback);
    return () => {
      const index = this.queue.indexOf(callback);
      if (index >= 0) this.queue.splice(index, 1);
    };
  };

  /** Runs the first queued slice, if any. */
  runNext(): void {
    this.queue.shift()?.();
  }

  /** Runs queued slices until none is left or `limit` have run, and returns how many ran. */
  runAll(limit = 10_000): number {
    let count = 0;
    for (; count < limit && this.queue.length > 0; count++) this.runNext();
    return count;
  }
}
