/**
 * Schedules validation per document: debounced after edits, immediate on
 * open, never publishing a result for a version that is no longer current.
 */
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DIAGNOSTIC_SOURCE, ruleDocUrl } from '../../common/diagnosticCodes';
import { severityResolver } from './service/config/config';
import type { ServerState } from './incidentServer';
import { filePathOf } from './uris';

const DEBOUNCE_MS = 150;

export class DiagnosticsScheduler {
  private readonly pending = new Map<string, { dispose(): void }>();

  constructor(private readonly state: ServerState) {}

  schedule(document: TextDocument, delay = DEBOUNCE_MS): void {
    this.pending.get(document.uri)?.dispose();
    const handle = this.state.runtime.setTimeout(() => {
      this.pending.delete(document.uri);
      void this.validate(document.uri, document.version);
    }, delay);
    this.pending.set(document.uri, handle);
  }

  revalidateAll(): void {
    for (const document of this.state.documents.all()) {
      this.schedule(document, 0);
    }
  }

  clear(uri: string): void {
    this.pending.get(uri)?.dispose();
    this.pending.delete(uri);
    void this.state.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  dispose(): void {
    for (const handle of this.pending.values()) {
      handle.dispose();
    }
    this.pending.clear();
  }

  private isCurrent(uri: string, version: number): boolean {
    return this.state.documents.get(uri)?.version === version;
  }

  private async validate(uri: string, version: number): Promise<void> {
    const document = this.state.documents.get(uri);
    if (!document || document.version !== version) {
      return;
    }
    try {
      const settings = await this.state.settingsFor(uri);
      if (!this.isCurrent(uri, version)) {
        return;
      }
      if (!settings.validateEnable) {
        await this.state.connection.sendDiagnostics({ uri, version, diagnostics: [] });
        return;
      }
      const filePath = filePathOf(uri);
      const config = this.state.configs.configFor(filePath);
      const severityOf = severityResolver(config, filePath, { onlyLower: !this.state.workspaceTrusted });
      const diagnostics = this.state.service.diagnostics(document, severityOf);
      if (config && config.problems.length) {
        diagnostics.unshift(configProblemDiagnostic(config.path, config.problems.length, config.problems[0].message));
      }
      if (this.isCurrent(uri, version)) {
        await this.state.connection.sendDiagnostics({ uri, version, diagnostics });
      }
    } catch (error) {
      this.state.connection.console.error(`Validation of ${uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
}

function configProblemDiagnostic(configPath: string, count: number, first: string): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    code: 'IR000',
    codeDescription: { href: ruleDocUrl('IR000') },
    source: DIAGNOSTIC_SOURCE,
    message: `The configuration ${configPath} has ${count} problem${count === 1 ? '' : 's'} (first: ${first}); the default severities apply to the entries it could not use.`,
  };
}
