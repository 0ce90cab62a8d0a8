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
  Middleware,
  ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import { SERVER_BUNDLE, SERVER_EXEC_ARGV } from '../../common/bundles';
import { InitializationOptions, WorkspaceTrustNotification } from '../../common/protocol';
import { RestartPolicy } from './restartPolicy';

export const LANGUAGE_IDS = ['incident-json', 'incident-jsonl'] as const;

export const DOCUMENT_SELECTOR = LANGUAGE_IDS.flatMap((language) => [
  { scheme: 'file', language },
  { scheme: 'untitled', language },
  { scheme: 'vscode-remote', language },
]);

/**
 * Restarts a server that died, a few times, and tells the user once per
 * session instead of once per crash; after repeated crashes in a short time
 * it stops and says how to restart it by hand. The decisions are
 * `RestartPolicy`'s; this class only logs, notifies and answers the client.
 */
export class RestartingErrorHandler implements ErrorHandler {
  constructor(
    private readonly output: vscode.LogOutputChannel,
    readonly policy: RestartPolicy = new RestartPolicy(),
    private readonly notify: (message: string) => void = (m) => void vscode.window.showWarningMessage(m),
  ) {}

  error(error: Error, _message: unknown, count: number | undefined): ErrorHandlerResult {
    this.output.error(`Connection to the Incident Records server: ${error.message}`);
    return { action: this.policy.keepConnection(count) ? ErrorAction.Continue : ErrorAction.Shutdown, handled: true };
  }

  closed(): CloseHandlerResult {
    const decision = this.policy.closed();
    if (decision.restart) {
      this.output.warn(decision.log);
    } else {
      this.output.error(decision.log);
    }
    if (decision.notify) {
      this.notify(decision.notify);
    }
    return { action: decision.restart ? CloseAction.Restart : CloseAction.DoNotRestart, handled: true };
  }
}

export class IncidentLanguageClient implements vscode.Disposable {
  readonly outputChannel: vscode.LogOutputChannel;
  private client: LanguageClient | undefined;
  private readonly restartPolicy = new RestartPolicy();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly middleware: Middleware = {},
  ) {
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
    const initializationOptions: InitializationOptions = { workspaceTrusted: vscode.workspace.isTrusted, ruleDocumentationCommand: true };
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENT_SELECTOR,
      outputChannel: this.outputChannel,
      traceOutputChannel: this.outputChannel,
      initializationOptions,
      errorHandler: new RestartingErrorHandler(this.outputChannel, this.restartPolicy),
      middleware: this.middleware,
    };
    this.client = new LanguageClient('incidentRecords', 'Incident Records', serverOptions, clientOptions);
    await this.client.start();
  }

  /** "Restart Language Server": a restart by hand also gives the server a fresh budget of automatic restarts. */
  async restart(): Promise<void> {
    this.restartPolicy.manualRestart();
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
