/**
 * When the language server dies, whether to restart it and what to tell the
 * user: a few restarts within a time window, one notification per session
 * (not one per crash: a crash loop must not become a storm of popups), then
 * it gives up with one message saying how to restart by hand. No `vscode`
 * import, so the decisions are unit-tested in plain Node;
 * `RestartingErrorHandler` in `languageClient.ts` only carries them out.
 */

/** Restarts allowed within `RESTART_WINDOW_MS` before giving up. */
export const MAX_RESTARTS = 4;
export const RESTART_WINDOW_MS = 3 * 60 * 1000;
/** Connection errors tolerated (message by message) before the connection is shut down. */
export const MAX_CONNECTION_ERRORS = 3;

export const RESTART_MESSAGES = {
  restartedNotification: 'The Incident Records server stopped unexpectedly and was restarted. Details are in the "Incident Records" output.',
  restartedLog: 'The Incident Records server stopped unexpectedly; restarting it.',
  gaveUpNotification:
    'The Incident Records server keeps stopping and will not be restarted. See the "Incident Records" output, then run "Incident Records: Restart Language Server".',
  gaveUpLog: `The Incident Records server stopped ${MAX_RESTARTS + 1} times in 3 minutes; it will not be restarted.`,
} as const;

/** What to do about one unexpected stop of the server. */
export interface CloseDecision {
  readonly restart: boolean;
  /** For the output channel, every time. */
  readonly log: string;
  /** For a notification popup, when the user should be told (at most once per session for restarts). */
  readonly notify?: string;
}

export class RestartPolicy {
  private readonly restarts: number[] = [];
  private toldRestarted = false;

  constructor(private readonly now: () => number = Date.now) {}

  /** The server stopped without being asked to. */
  closed(): CloseDecision {
    const now = this.now();
    while (this.restarts.length && now - this.restarts[0] > RESTART_WINDOW_MS) {
      this.restarts.shift();
    }
    if (this.restarts.length >= MAX_RESTARTS) {
      return { restart: false, log: RESTART_MESSAGES.gaveUpLog, notify: RESTART_MESSAGES.gaveUpNotification };
    }
    this.restarts.push(now);
    const notify = this.toldRestarted ? undefined : RESTART_MESSAGES.restartedNotification;
    this.toldRestarted = true;
    return { restart: true, log: RESTART_MESSAGES.restartedLog, notify };
  }

  /** Whether to keep the connection after its `count`-th error (e.g. a message that could not be written). */
  keepConnection(count: number | undefined): boolean {
    return count !== undefined && count <= MAX_CONNECTION_ERRORS;
  }

  /**
   * The user restarted the server by hand: it gets a fresh budget of
   * restarts. The once-per-session notification stays spent.
   */
  manualRestart(): void {
    this.restarts.length = 0;
  }
}
