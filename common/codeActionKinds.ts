/**
 * Code action kinds the server offers beyond `quickfix`, shared by the
 * server, the core and the client. No imports, so the core and the CLI can
 * use it without pulling in the LSP protocol.
 */

/**
 * "Fix all auto-fixable problems" in an incident file: every safe quick fix
 * at once. The server offers it when asked for source actions;
 * `editor.codeActionsOnSave` can name it (`"source.fixAll.incident-records":
 * "explicit"`); the `incidentRecords.fixAll` command applies it.
 */
export const FIX_ALL_KIND = 'source.fixAll.incident-records';
