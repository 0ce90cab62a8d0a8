/**
 * Code actions: quick fixes for the diagnostics in the request, and
 * `source.fixAll.incident-records` (every safe fix of the file) for
 * `editor.codeActionsOnSave` and the "Fix All Auto-Fixable Problems" command.
 * Edits are versioned `TextDocumentEdit`s when the client supports them, so
 * an edit computed for an older version is dropped, and snippet edits (tab
 * stops on the placeholders) when the client applies them.
 */
import { CodeAction, CodeActionKind, ClientCapabilities } from 'vscode-languageserver/node';
import { sourceOf } from '../service/text/documentSource';
import { FIX_ALL_KIND } from '../../../common/codeActionKinds';
import { severityResolver } from '../service/config/config';
import { resolveFixAllOfCode } from '../service/fixes';
import { filePathOf } from '../uris';
import { ServerFeature } from './feature';
import { withDocument } from './requests';

interface EditSupport {
  readonly documentChanges: boolean;
  readonly snippetSupport: boolean;
}

function editSupport(client: ClientCapabilities): EditSupport {
  const workspaceEdit = client.workspace?.workspaceEdit as { documentChanges?: boolean; snippetEditSupport?: boolean } | undefined;
  return { documentChanges: !!workspaceEdit?.documentChanges, snippetSupport: !!workspaceEdit?.snippetEditSupport };
}

/** Whether the client resolves a code action's edit on demand. */
function resolvesEdits(client: ClientCapabilities): boolean {
  return !!client.textDocument?.codeAction?.resolveSupport?.properties.includes('edit');
}

export const codeActionsFeature: ServerFeature = {
  capabilities: (client) => ({
    codeActionProvider: client.textDocument?.codeAction?.codeActionLiteralSupport
      ? { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: resolvesEdits(client) }
      : true,
  }),
  register(state) {
    state.connection.onCodeAction((params, token) =>
      withDocument(state, params.textDocument.uri, token, 'Code actions', [] as CodeAction[], async (document) => {
        if (!state.clientCapabilities.textDocument?.codeAction?.codeActionLiteralSupport) {
          return [];
        }
        const settings = await state.settingsFor(document.uri);
        if (!settings.validateEnable) {
          return [];
        }
        const filePath = filePathOf(document.uri);
        const severityOf = severityResolver(state.configs.configFor(filePath), filePath, { onlyLower: !state.workspaceTrusted });
        // Fix-all checks the whole file: not for files too large to be checked in the editor.
        const tooLarge = sourceOf(document).length > settings.maxFileSizeMB * 1024 * 1024;
        const only = tooLarge ? (params.context.only ?? [CodeActionKind.QuickFix]).filter((k) => k === CodeActionKind.QuickFix) : params.context.only;
        const store = state.scheduler.storeOf(document.uri);
        let counts: Map<string, number> | undefined;
        // How many problems of a code the file has, from the results the diagnostics pipeline keeps.
        const problemCount = store
          ? (code: string): number => {
              if (!counts) {
                counts = new Map();
                for (let i = 0; i < store.size; i++) {
                  for (const p of store.result(i)?.problems ?? []) {
                    counts.set(p.code, (counts.get(p.code) ?? 0) + 1);
                  }
                }
              }
              return counts.get(code) ?? 0;
            }
          : undefined;
        return state.service.getCodeActions(document, params.context.diagnostics, {
          only,
          severityOf,
          problemCount,
          ruleDocumentation: state.ruleDocumentationCommand,
          resolveEdits: resolvesEdits(state.clientCapabilities),
          ...editSupport(state.clientCapabilities),
        });
      }),
    );
    // "Fix all <code> problems in this file" is computed when the user picks it.
    state.connection.onCodeActionResolve((action, token) => {
      const data = action.data as { uri?: unknown } | undefined;
      const uri = typeof data?.uri === 'string' ? data.uri : '';
      return withDocument(state, uri, token, 'Code action resolve', action, (document) => {
        const filePath = filePathOf(document.uri);
        const severityOf = severityResolver(state.configs.configFor(filePath), filePath, { onlyLower: !state.workspaceTrusted });
        return resolveFixAllOfCode(action, document, { severityOf, catalog: state.catalogFor(document.uri), ...editSupport(state.clientCapabilities) });
      });
    });
  },
};
