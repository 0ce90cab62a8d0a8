/**
 * Runs an async job at most once per interval and never twice at a time:
 * calls while a run is waiting are merged into it, a call during a run
 * schedules one more run after it. Typing in a record refreshes the preview
 * every ~300 ms instead of on every keystroke.
 */
export class Throttle {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private disposed = false;

  constructor(
    private readonly job: () => Promise<void>,
    private readonly onError: (error: unknown) => void,
    private readonly intervalMs = 300,
  ) {}

  /** Runs the job after the interval, unless a run is already waiting. */
  schedule(): void {
    if (this.timer !== undefined || this.disposed) {
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.run();
    }, this.intervalMs);
  }

  /** Runs the job now (or right after the current run), dropping a waiting one. */
  now(): Promise<void> {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    return this.run();
  }

  private run(): Promise<void> {
    if (this.disposed) {
      return Promise.resolve();
    }
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.job()
      .catch(this.onError)
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.schedule();
        }
      });
    return this.running;
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }
}
