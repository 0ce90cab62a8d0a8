/**
 * The stdio test client, set up as a full editor would be: configuration
 * requests answered from `settings` (so a test can set e.g. the size limit),
 * versioned workspace edits, code action literals, and every message the
 * server sends recorded (publishes, log messages, traces, stderr), so a test
 * can assert over all of it.
 */
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { startTestClient, TestClient } from '../helpers/lspClient';

export const EDITOR_CAPABILITIES = {
  textDocument: {
    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    publishDiagnostics: { versionSupport: true, relatedInformation: true },
    codeAction: {
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
      isPreferredSupport: true,
    },
    inlayHint: {},
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
  },
  workspace: { configuration: true, workspaceEdit: { documentChanges: true } },
};

export interface HardeningClient extends TestClient {
  /** Every publishDiagnostics received, in order. */
  readonly published: PublishDiagnosticsParams[];
  /** Every other notification the server sent (log messages, traces, show-message), as JSON text. */
  readonly notifications: string[];
  /** Sends a request and resolves with its result or its error (as `{ error }`), never rejects. */
  settle(method: string, params: unknown): Promise<{ result?: unknown; error?: { code: number; message: string } }>;
  /**
   * Resolves with the first truthy value of `probe`, checked now and after
   * each message from the server; rejects (naming `what`) if none has come
   * after `deadlineMs` — a guard against a hang, not a timing assertion.
   */
  until<T>(probe: () => T | undefined | false, what: string, deadlineMs?: number): Promise<T>;
}

export interface HardeningOptions {
  /** The `incidentRecords` section the client answers `workspace/configuration` with. */
  readonly settings?: Record<string, unknown>;
  readonly initializationOptions?: unknown;
}

interface Probe {
  check(): boolean;
}

interface Waiter {
  readonly uri: string;
  readonly accept: (params: PublishDiagnosticsParams) => boolean;
  readonly resolve: (params: PublishDiagnosticsParams) => void;
}

export async function startHardeningClient(options: HardeningOptions = {}): Promise<HardeningClient> {
  const client = await startTestClient({ capabilities: EDITOR_CAPABILITIES, initializationOptions: options.initializationOptions });
  const published: PublishDiagnosticsParams[] = [];
  const notifications: string[] = [];
  const waiters: Waiter[] = [];
  const probes: Probe[] = [];
  const activity = (): void => {
    for (const probe of [...probes]) {
      if (probe.check()) {
        probes.splice(probes.indexOf(probe), 1);
      }
    }
  };
  // Handlers registered now replace the helper's: configuration answers come
  // from `settings`, and publishes are recorded before waiters see them.
  client.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => {
    setImmediate(activity);
    return params.items.map((item) => (item.section === 'incidentRecords' ? (options.settings ?? {}) : null));
  });
  client.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    published.push(params);
    activity();
    for (const waiter of [...waiters]) {
      if (waiter.uri === params.uri && waiter.accept(params)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(params);
      }
    }
  });
  client.connection.onNotification('window/logMessage', (params: { message: string }) => {
    client.logs.push(params.message);
    notifications.push(JSON.stringify({ method: 'window/logMessage', params }));
    activity();
  });
  client.connection.onNotification((method: string, params: unknown) => {
    notifications.push(JSON.stringify({ method, params }));
    activity();
  });
  return Object.assign(client, {
    published,
    notifications,
    diagnostics(uri: string, accept: (params: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
      return new Promise<PublishDiagnosticsParams>((resolve) => waiters.push({ uri, accept, resolve }));
    },
    until<T>(probe: () => T | undefined | false, what: string, deadlineMs = 120_000): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          probes.splice(probes.indexOf(entry), 1);
          reject(new Error(`gave up waiting for ${what}`));
        }, deadlineMs);
        const entry: Probe = {
          check() {
            const value = probe();
            if (value) {
              clearTimeout(timer);
              resolve(value);
              return true;
            }
            return false;
          },
        };
        if (!entry.check()) {
          probes.push(entry);
        }
      });
    },
    async settle(method: string, params: unknown) {
      try {
        return { result: await client.connection.sendRequest(method, params) };
      } catch (error) {
        const e = error as { code?: number; message?: string };
        return { error: { code: e.code ?? 0, message: e.message ?? String(error) } };
      }
    },
  });
}

/** The text of everything the server wrote to its log channels so far. */
export function serverLog(client: HardeningClient): string {
  return [...client.logs, ...client.notifications].join('\n');
}
