/**
 * The timeline preview's server side: the model and Markdown requests for the
 * record at a position, and an "Open Timeline" code lens above each record
 * (unless `incidentRecords.codeLens.enable` is off for the document).
 */
import type { CodeLens } from 'vscode-languageserver/node';
import { ShowTimelineCommand, TimelineMarkdownRequest, TimelineRequest } from '../../../common/protocol';
import { timelineMarkdown } from '../service/timeline';
import { ServerFeature } from './feature';
import { withDocument } from './requests';

export const OPEN_TIMELINE_TITLE = 'Open Timeline';

export const timelineFeature: ServerFeature = {
  capabilities: () => ({ codeLensProvider: { resolveProvider: false } }),
  register(state) {
    const { connection } = state;
    connection.onRequest(TimelineRequest, (params, token) =>
      withDocument(state, params.textDocument.uri, token, 'Timeline', null, (d) => state.service.timeline(d, params.position)),
    );
    connection.onRequest(TimelineMarkdownRequest, (params, token) =>
      withDocument(state, params.textDocument.uri, token, 'Timeline Markdown', null, (d) => {
        const model = state.service.timeline(d, params.position);
        return model ? timelineMarkdown(model) : null;
      }),
    );
    connection.onCodeLens((params, token) =>
      withDocument(state, params.textDocument.uri, token, 'Code lens', [] as CodeLens[], async (d) => {
        if (!(await state.settingsFor(d.uri)).codeLensEnable) {
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
