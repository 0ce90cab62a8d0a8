/**
 * The language client: starts the bundled server over IPC for the product's
 * two languages, and tells it about workspace trust.
 */
import * as vscode from 'vscode';
import {
  CloseAction,
  CloseHandlerResult,
  ErrorAction,
  ErrorHandler,
  ErrorHandlerResult,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import { SERVER_BUNDLE, SERVER_EXEC_ARGV } from '../../common/bundles';
import { InitializationOptions, WorkspaceTrustNotification } from '../../common/protocol';

export const LANGUAGE_IDS = ['incident-json', 'incident-jsonl'] as const;

export const DOCUMENT_SELECTOR = LANGUAGE_IDS.flatMap((language) => [
  { scheme: 'file', language },
  { scheme: 'untitled', language },
  { scheme: 'vscode-remote', language },
]);

/** Restarts allowed within `RESTART_WINDOW_MS` before the client gives up. */
const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

/**
 * Restarts a server that died, a few times, and tells the user once per
 * session instead of once per crash; after repeated crashes in a short time
 * it stops and says how to restart it by hand.
 */
export class RestartingErrorHandler implements ErrorHandler {
  private readonly restarts: number[] = [];
  private told = false;

  constructor(
    private readonly output: vscode.LogOutputChannel,
    private readonly notify: (message: string) => void = (m) => void vscode.window.showWarningMessage(m),
    private readonly now: () => number = Date.now,
  ) {}

  error(error: Error, _message: unknown, count: number | undefined): ErrorHandlerResult {
    this.output.error(`Connection to the Incident Records server: ${error.message}`);
    return { action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown, handled: true };
  }

  closed(): CloseHandlerResult {
    const now = this.now();
    while (this.restarts.length && now - this.restarts[0] > RESTART_WINDOW_MS) {
      this.restarts.shift();
    }
    if (this.restarts.length >= MAX_RESTARTS) {
      this.output.error(`The Incident Records server stopped ${MAX_RESTARTS + 1} times in 3 minutes; it will not be restarted.`);
      this.notify('The Incident Records server keeps stopping and will not be restarted. See the "Incident Records" output, then run "Incident Records: Restart Language Server".');
      return { action: CloseAction.DoNotRestart, handled: true };
    }
    this.restarts.push(now);
    this.output.warn('The Incident Records server stopped unexpectedly; restarting it.');
    if (!this.told) {
      this.told = true;
      this.notify('The Incident Records server stopped unexpectedly and was restarted. Details are in the "Incident Records" output.');
    }
    return { action: CloseAction.Restart, handled: true };
  }
}

export class IncidentLanguageClient implements vscode.Disposable {
  readonly outputChannel: vscode.LogOutputChannel;
  private client: LanguageClient | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly context: vscode.ExtensionContext) {
    this.outputChannel = vscode.window.createOutputChannel('Incident Records', { log: true });
    this.disposables.push(this.outputChannel);
    this.disposables.push(
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        void this.client?.sendNotification(WorkspaceTrustNotification);
      }),
    );
  }

  get languageClient(): LanguageClient | undefined {
    return this.client;
  }

  async start(): Promise<void> {
    const module = this.context.asAbsolutePath(SERVER_BUNDLE);
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV] } },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6011'] } },
    };
    const initializationOptions: InitializationOptions = { workspaceTrusted: vscode.workspace.isTrusted };
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENT_SELECTOR,
      outputChannel: this.outputChannel,
      traceOutputChannel: this.outputChannel,
      initializationOptions,
      errorHandler: new RestartingErrorHandler(this.outputChannel),
    };
    this.client = new LanguageClient('incidentRecords', 'Incident Records', serverOptions, clientOptions);
    await this.client.start();
  }

  async restart(): Promise<void> {
    await this.client?.restart();
  }

  showOutput(): void {
    this.outputChannel.show(true);
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client?.isRunning()) {
      await client.stop();
    }
  }

  dispose(): void {
    void this.stop();
    for (const d of this.disposables) {
      d.dispose();
    }
  }
}
