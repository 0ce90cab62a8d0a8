/**
 * The timeline preview's server side: the model and Markdown requests for the
 * record at a position (with the record's problems, from the diagnostics the
 * pipeline keeps, all of them whatever the editor shows), and an "Open
 * Timeline" code lens above each record of a JSON file (unless
 * `incidentRecords.codeLens.enable` is off for the document). JSON Lines
 * files get none: a lens per line would double the file's height; the
 * editor title bar and the command open the timeline there.
 */
import type { CodeLens } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ShowTimelineCommand, TimelineMarkdownRequest, TimelineRequest } from '../../../common/protocol';
import { severityResolver } from '../service/config/config';
import { formatOf } from '../service/recordDocument';
import { timelineMarkdown } from '../service/timeline';
import type { TimelineProblemOptions } from '../service/timeline/timelineProblems';
import type { ServerState } from '../incidentServer';
import { filePathOf } from '../uris';
import { ServerFeature } from './feature';
import { withDocument } from './requests';

/**
 * Where the timeline's problems come from: the document's diagnostics as
 * last computed when they are of this version and every record is checked;
 * otherwise the record is checked on its own with the configured severities.
 */
function problemSource(state: ServerState, document: TextDocument): TimelineProblemOptions {
  const kept = state.scheduler.diagnosticsOf(document.uri);
  if (kept && kept.version === document.version && state.scheduler.storeOf(document.uri)?.pending === 0) {
    return { diagnostics: kept.all };
  }
  const filePath = filePathOf(document.uri);
  return { severityOf: severityResolver(state.configs.configFor(filePath), filePath, { onlyLower: !state.workspaceTrusted }) };
}

export const OPEN_TIMELINE_TITLE = 'Open Timeline';

export const timelineFeature: ServerFeature = {
  capabilities: () => ({ codeLensProvider: { resolveProvider: false } }),
  register(state) {
    const { connection } = state;
    connection.onRequest(TimelineRequest, (params, token) =>
      withDocument(state, params.textDocument.uri, token, 'Timeline', null, (d) => state.service.timeline(d, params.position, problemSource(state, d))),
    );
    connection.onRequest(TimelineMarkdownRequest, (params, token) =>
      withDocument(state, params.textDocument.uri, token, 'Timeline Markdown', null, (d) => {
        const model = state.service.timeline(d, params.position, { diagnostics: [] });
        return model ? timelineMarkdown(model) : null;
      }),
    );
    connection.onCodeLens((params, token) =>
      withDocument(state, params.textDocument.uri, token, 'Code lens', [] as CodeLens[], async (d) => {
        if (formatOf(d) === 'jsonl' || !(await state.settingsFor(d.uri)).codeLensEnable) {
          return [];
        }
        return state.service.recordStarts(d).map((start) => ({
          range: { start, end: start },
          command: { title: OPEN_TIMELINE_TITLE, command: ShowTimelineCommand, arguments: [d.uri, start] },
        }));
      }),
    );
  },
};
