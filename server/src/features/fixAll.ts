/**
 * `incidentRecords/fixAll`: every safe fix of a document (or of one code) as
 * one versioned edit, with work-done progress ("records looked at of
 * total") while a large dataset is fixed, and the count per code for the
 * summary. The check the diagnostics pipeline keeps for the document is
 * reused, so the first pass checks nothing again.
 */
import { TextEdit, WorkDoneProgressReporter } from 'vscode-languageserver/node';
import { FixAllRequest } from '../../../common/protocol';
import { severityResolver } from '../service/config/config';
import { FirstCheck, fixAllInSteps } from '../service/fixes';
import { formatOf } from '../service/recordDocument';
import type { ServerState } from '../incidentServer';
import { filePathOf } from '../uris';
import { ServerFeature } from './feature';
import { withDocument } from './requests';

/** The document's records as the diagnostics pipeline checked them, finishing what it has not reached yet. */
function firstCheckOf(state: ServerState, uri: string): FirstCheck | undefined {
  const store = state.scheduler.storeOf(uri);
  if (!store) {
    return undefined;
  }
  store.checkSome();
  const records = [];
  for (let i = 0; i < store.size; i++) {
    const result = store.result(i);
    if (!result) {
      return undefined;
    }
    records.push(result);
  }
  return store.problemsOutsideRecords.length ? undefined : { layout: store.layout(), records };
}

async function progressFor(state: ServerState, token: string | number | undefined): Promise<WorkDoneProgressReporter | undefined> {
  if (token !== undefined) {
    return state.connection.window.attachWorkDoneProgress(token);
  }
  return state.clientCapabilities.window?.workDoneProgress ? state.connection.window.createWorkDoneProgress() : undefined;
}

export const fixAllFeature: ServerFeature = {
  capabilities: () => ({}),
  register(state) {
    state.connection.onRequest(FixAllRequest, (params, token) =>
      withDocument(state, params.textDocument.uri, token, 'Fix all', null, async (document) => {
        if (document.version !== params.textDocument.version) {
          return null;
        }
        const version = document.version;
        const filePath = filePathOf(document.uri);
        const severityOf = severityResolver(state.configs.configFor(filePath), filePath, { onlyLower: !state.workspaceTrusted });
        const progress = await progressFor(state, params.workDoneToken);
        progress?.begin(params.only ? `Fixing ${params.only} problems` : 'Fixing problems', 0, undefined, true);
        try {
          const result = await fixAllInSteps(
            document.getText(),
            formatOf(document),
            { severityOf, catalog: state.catalogFor(document.uri), only: params.only },
            {
              firstCheck: firstCheckOf(state, document.uri),
              onProgress: (p) =>
                progress?.report(p.total ? Math.round((100 * p.done) / p.total) : 100, `${p.pass ? `pass ${p.pass + 1}: ` : ''}${p.done.toLocaleString('en-US')} of ${p.total.toLocaleString('en-US')} records`),
              pause: () => new Promise<void>((resolve) => state.runtime.setImmediate(resolve)),
              cancelled: () => token.isCancellationRequested || (progress as { token?: { isCancellationRequested: boolean } } | undefined)?.token?.isCancellationRequested === true || document.version !== version,
            },
          );
          if (!result || document.version !== version) {
            return null;
          }
          const edits = result.edits.map((e) => TextEdit.replace({ start: document.positionAt(e.start), end: document.positionAt(e.end) }, e.text));
          const edit = edits.length ? { documentChanges: [{ textDocument: { uri: document.uri, version }, edits }] } : undefined;
          return { edit, applied: result.applied, byCode: result.byCode };
        } finally {
          progress?.done();
        }
      }),
    );
  },
};
