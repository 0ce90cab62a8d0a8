/**
 * The language client: starts the bundled server over IPC for the product's
 * two languages, and tells it about workspace trust.
 */
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { SERVER_BUNDLE } from '../../common/bundles';
import { InitializationOptions, WorkspaceTrustNotification } from '../../common/protocol';

export const LANGUAGE_IDS = ['incident-json', 'incident-jsonl'] as const;

export const DOCUMENT_SELECTOR = LANGUAGE_IDS.flatMap((language) => [
  { scheme: 'file', language },
  { scheme: 'untitled', language },
  { scheme: 'vscode-remote', language },
]);

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
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
    };
    const initializationOptions: InitializationOptions = { workspaceTrusted: vscode.workspace.isTrusted };
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENT_SELECTOR,
      outputChannel: this.outputChannel,
      traceOutputChannel: this.outputChannel,
      initializationOptions,
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
