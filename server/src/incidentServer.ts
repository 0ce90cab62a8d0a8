/**
 * Wires the language service to an LSP connection: capabilities, documents,
 * settings, configuration files and the diagnostics pipeline. Transport
 * agnostic; `server.ts` creates the connection.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ClientCapabilities,
  Connection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  InitializeParams,
  InitializeResult,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { DEFAULT_SETTINGS, InitializationOptions, ServerSettings, VisibleRangesNotification, WorkspaceTrustNotification, normaliseSettings } from '../../common/protocol';
import { visibleRangesOf } from './service/diagnosticPriority';
import { ConfigLoader } from './service/config/configLoader';
import { filePathOf } from './uris';
import { catalogFor } from './service/config/config';
import type { ActionCatalog } from './service/catalog';
import { getIncidentService, IncidentService } from './service/incidentService';
import { DiagnosticsScheduler } from './diagnosticsScheduler';
import { IncidentDocuments } from './documents';
import { Runtime } from './node/nodeRuntime';
import { FEATURES } from './features';
import { BaselineCache } from './baselines';

export interface ServerState {
  readonly connection: Connection;
  readonly documents: IncidentDocuments;
  readonly service: IncidentService;
  readonly configs: ConfigLoader;
  readonly runtime: Runtime;
  readonly scheduler: DiagnosticsScheduler;
  /** What the client announced in `initialize` (empty before). */
  clientCapabilities: ClientCapabilities;
  workspaceTrusted: boolean;
  /** Whether the client has the command that shows a rule's documentation (initialization option). */
  ruleDocumentationCommand: boolean;
  /** Folders of the workspace (file-system paths), from `initialize`. */
  workspaceFolders: string[];
  /** Baseline files (incidentRecords.baseline), parsed once per version. */
  readonly baselines: BaselineCache;
  /** Asks the client to report changes of a file (a baseline), so open documents are checked again. */
  watchFile(filePath: string): void;
  settingsFor(uri: string): Promise<ServerSettings>;
  /** The action catalogue for a document: the built-in one with its configuration's own action types. */
  catalogFor(uri: string): ActionCatalog;
}

export function startServer(connection: Connection, runtime: Runtime): void {
  const documents = new IncidentDocuments();
  let service: IncidentService = getIncidentService();
  let hasConfigurationCapability = false;
  let hasWatchedFilesRegistration = false;
  const settingsCache = new Map<string, Promise<ServerSettings>>();
  const watched = new Set<string>();
  let relativePatterns = false;

  let scheduler: DiagnosticsScheduler | undefined;
  const state: ServerState = {
    connection,
    get scheduler() {
      return scheduler!;
    },
    clientCapabilities: {},
    documents,
    get service() {
      return service;
    },
    configs: new ConfigLoader(runtime.fs),
    runtime,
    workspaceTrusted: true,
    ruleDocumentationCommand: false,
    workspaceFolders: [],
    baselines: new BaselineCache(runtime.fs),
    watchFile(filePath: string): void {
      if (!hasWatchedFilesRegistration || watched.has(filePath)) {
        return;
      }
      watched.add(filePath);
      const globPattern = relativePatterns
        ? { baseUri: pathToFileURL(path.dirname(filePath)).href, pattern: path.basename(filePath) }
        : `**/${path.basename(filePath)}`;
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern }] });
    },
    settingsFor(uri: string): Promise<ServerSettings> {
      if (!hasConfigurationCapability) {
        return Promise.resolve(DEFAULT_SETTINGS);
      }
      let settings = settingsCache.get(uri);
      if (!settings) {
        settings = connection.workspace
          .getConfiguration({ scopeUri: uri, section: 'incidentRecords' })
          .then(normaliseSettings, () => DEFAULT_SETTINGS);
        settingsCache.set(uri, settings);
      }
      return settings;
    },
    catalogFor(uri: string): ActionCatalog {
      return catalogFor(state.configs.configFor(filePathOf(uri)));
    },
  };
  scheduler = new DiagnosticsScheduler(state);

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const capabilities = params.capabilities;
    hasConfigurationCapability = !!capabilities.workspace?.configuration;
    hasWatchedFilesRegistration = !!capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    relativePatterns = !!capabilities.workspace?.didChangeWatchedFiles?.relativePatternSupport;
    state.workspaceFolders = (params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri }] : [])).map((folder) => filePathOf(folder.uri));
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    state.workspaceTrusted = options.workspaceTrusted !== false;
    state.ruleDocumentationCommand = options.ruleDocumentationCommand === true;
    state.clientCapabilities = capabilities;
    service = getIncidentService({
      clientCapabilities: capabilities,
      layoutOf: (document) => (state.documents.get(document.uri)?.version === document.version ? scheduler?.storeOf(document.uri)?.layout() : undefined),
      catalogOf: (document) => state.catalogFor(document.uri),
    });
    const featureCapabilities = FEATURES.map((feature) => feature.capabilities(capabilities));
    return {
      capabilities: Object.assign(
        { textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false } },
        ...featureCapabilities,
      ),
      serverInfo: { name: 'incident-records-language-server', version: runtime.version },
    };
  });

  connection.onInitialized(() => {
    if (hasConfigurationCapability) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'incidentRecords' });
    }
    if (hasWatchedFilesRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/.incident-records.json' }] });
    }
    // Off the request path: the user's first completion and hover are then as fast as the next ones.
    runtime.setImmediate(() => {
      service.warmUp().catch((error: unknown) => connection.console.error(`Warm-up failed: ${error instanceof Error ? error.message : String(error)}`));
    });
  });

  connection.onDidChangeConfiguration(() => {
    settingsCache.clear();
    scheduler.revalidateAll();
    // Inlay hints and code lenses depend on settings: ask the client to pull them again.
    if (state.clientCapabilities.workspace?.inlayHint?.refreshSupport) {
      void connection.languages.inlayHint.refresh();
    }
    if (state.clientCapabilities.workspace?.codeLens?.refreshSupport) {
      void connection.sendRequest('workspace/codeLens/refresh');
    }
  });

  connection.onDidChangeWatchedFiles(() => {
    state.configs.invalidate();
    scheduler.revalidateAll();
  });

  connection.onNotification(WorkspaceTrustNotification, () => {
    state.workspaceTrusted = true;
    scheduler.revalidateAll();
  });

  // What is on screen: the problems there are published first when there are more than the client shows.
  connection.onNotification(VisibleRangesNotification, (params: unknown) => {
    const visible = visibleRangesOf(params);
    if (visible && documents.get(visible.uri)) {
      scheduler.visibleRangesChanged(visible.uri, visible.ranges).catch((error: unknown) => connection.console.error(`Visible ranges failed: ${error instanceof Error ? error.message : String(error)}`));
    }
  });

  documents.onDidOpen((e) => scheduler.open(e.document));
  documents.onDidApplyChange((e) => scheduler.applied(e.document, e.change));
  documents.onDidChangeContent((e) => scheduler.change(e.document, e.replaced));
  documents.onDidClose((e) => {
    scheduler.clear(e.document.uri);
    service.forget(e.document.uri);
    settingsCache.delete(e.document.uri);
  });

  for (const feature of FEATURES) {
    feature.register(state);
  }

  connection.onShutdown(() => scheduler?.dispose());

  documents.listen(connection);
  connection.listen();
}
