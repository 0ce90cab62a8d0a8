/**
 * A minimal LSP client for tests: spawns the bundled server over stdio and
 * speaks real JSON-RPC to it.
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import {
  createMessageConnection,
  MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-jsonrpc/node';
import type { InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import type { Diagnostic } from 'vscode-languageserver-types';
import { repoRoot } from './text';

export interface TestClient {
  readonly connection: MessageConnection;
  readonly process: ChildProcess;
  readonly logs: string[];
  /** The server's answer to `initialize`. */
  readonly initializeResult: InitializeResult;
  /** Resolves with the next publishDiagnostics for `uri` that satisfies `accept`. */
  diagnostics(uri: string, accept?: (params: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams>;
  open(uri: string, languageId: string, text: string, version?: number): void;
  change(uri: string, version: number, changes: ({ text: string } | { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string })[]): void;
  stop(): Promise<void>;
}

export const SERVER_PATH = (): string => path.join(repoRoot(), 'dist', 'server', 'server.js');

export interface TestClientOptions {
  readonly initializationOptions?: unknown;
  readonly capabilities?: unknown;
  readonly args?: string[];
  /** Workspace folders (file URIs) announced in `initialize`. */
  readonly workspaceFolders?: readonly string[];
  /** Start this command instead of the bundled server with this Node (e.g. an installed `incident-records-language-server`). */
  readonly command?: { readonly file: string; readonly args: readonly string[]; readonly env?: NodeJS.ProcessEnv };
}

export async function startTestClient(options: TestClientOptions = {}): Promise<TestClient> {
  const child = options.command
    ? spawn(options.command.file, [...options.command.args], { stdio: ['pipe', 'pipe', 'pipe'], env: options.command.env })
    : spawn(process.execPath, [SERVER_PATH(), '--stdio', ...(options.args ?? [])], { stdio: ['pipe', 'pipe', 'pipe'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const logs: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => logs.push(chunk.toString()));
  const published: PublishDiagnosticsParams[] = [];
  const waiters: { uri: string; accept: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    published.push(params);
    for (const waiter of [...waiters]) {
      if (waiter.uri === params.uri && waiter.accept(params)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(params);
      }
    }
  });
  connection.onNotification('window/logMessage', (params: { message: string }) => {
    logs.push(params.message);
  });
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  const initialized = connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: options.workspaceFolders?.[0] ?? null,
    workspaceFolders: options.workspaceFolders?.map((uri) => ({ uri, name: uri.split('/').pop() })) ?? null,
    capabilities: options.capabilities ?? {
      textDocument: {
        completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        publishDiagnostics: { versionSupport: true },
      },
    },
    initializationOptions: options.initializationOptions,
  });
  const initializeResult = (await initialized) as InitializeResult;
  connection.sendNotification('initialized', {});
  return {
    connection,
    initializeResult,
    process: child,
    logs,
    diagnostics(uri, accept = () => true) {
      return new Promise((resolve) => {
        waiters.push({ uri, accept, resolve });
      });
    },
    open(uri, languageId, text, version = 1) {
      void connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
    },
    change(uri, version, contentChanges) {
      void connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
    },
    async stop() {
      try {
        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
      } catch {
        // the server may already be gone
      }
      connection.dispose();
      if (child.exitCode === null) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            child.kill();
            resolve();
          }, 2000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
  };
}

export function codes(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => String(d.code));
}
