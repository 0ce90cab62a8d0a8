/**
 * The JSON basics per record: completion, hover, outline, folding, selection
 * ranges and formatting. Handlers are thin: look up the document, call the
 * service, return.
 */
import { severityResolver } from '../service/config/config';
import type { ServerState } from '../incidentServer';
import { filePathOf } from '../uris';
import { ServerFeature } from './feature';
import { withDocument } from './requests';

export const languageFeatures: ServerFeature = {
  capabilities: () => ({
    completionProvider: { triggerCharacters: ['"', ':', ' '], resolveProvider: false },
    hoverProvider: true,
    documentSymbolProvider: true,
    foldingRangeProvider: true,
    selectionRangeProvider: true,
    documentFormattingProvider: true,
    documentRangeFormattingProvider: true,
  }),
  register(state) {
    const { connection } = state;
    connection.onCompletion((params, token) => withDocument(state, params.textDocument.uri, token, 'Completion', null, (d) => state.service.complete(d, params.position)));
    connection.onHover((params, token) => withDocument(state, params.textDocument.uri, token, 'Hover', null, (d) => state.service.hover(d, params.position, severitiesFor(state, d.uri))));
    connection.onDocumentSymbol((params, token) => withDocument(state, params.textDocument.uri, token, 'Document symbols', [], (d) => state.service.documentSymbols(d)));
    connection.onFoldingRanges((params, token) => withDocument(state, params.textDocument.uri, token, 'Folding ranges', [], (d) => state.service.foldingRanges(d)));
    connection.onSelectionRanges((params, token) =>
      withDocument(state, params.textDocument.uri, token, 'Selection ranges', [], (d) => state.service.selectionRanges(d, params.positions)),
    );
    connection.onDocumentFormatting((params, token) =>
      withDocument(state, params.textDocument.uri, token, 'Formatting', [], (d) => state.service.format(d, undefined, params.options)),
    );
    connection.onDocumentRangeFormatting((params, token) =>
      withDocument(state, params.textDocument.uri, token, 'Formatting', [], (d) => state.service.format(d, params.range, params.options)),
    );
  },
};

/** The document's configured severities (a hover does not explain a rule the project turned off). */
function severitiesFor(state: ServerState, uri: string) {
  const filePath = filePathOf(uri);
  return severityResolver(state.configs.configFor(filePath), filePath, { onlyLower: !state.workspaceTrusted });
}
