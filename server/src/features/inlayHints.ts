/**
 * Inlay hints (human durations, action offsets), unless
 * `incidentRecords.inlayHints.enable` is off for the document.
 */
import type { InlayHint } from 'vscode-languageserver/node';
import { ServerFeature } from './feature';
import { withDocument } from './requests';

export const inlayHintsFeature: ServerFeature = {
  capabilities: () => ({ inlayHintProvider: { resolveProvider: false } }),
  register(state) {
    state.connection.languages.inlayHint.on((params, token) =>
      withDocument(state, params.textDocument.uri, token, 'Inlay hints', [] as InlayHint[], async (d) =>
        (await state.settingsFor(d.uri)).inlayHintsEnable ? state.service.inlayHints(d, params.range) : [],
      ),
    );
  },
};
