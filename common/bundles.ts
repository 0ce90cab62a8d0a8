/**
 * Paths of the bundles inside the extension, relative to its root. The build
 * script (scripts/build.mjs) writes exactly these files; the client starts the
 * server and loads the webview script from them.
 */
export const SERVER_BUNDLE = 'dist/server/server.js';
export const CLIENT_BUNDLE = 'dist/client/extension.js';
export const CLI_BUNDLE = 'dist/cli/incident-records.js';
export const WEBVIEW_BUNDLE_DIR = 'dist/webview';

/**
 * Node options for the language server process. A larger young generation
 * cuts garbage-collection time by about a quarter when a dataset of thousands
 * of records is checked (each record is parsed into short-lived objects).
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=64'];
