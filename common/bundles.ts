/**
 * Paths of the bundles inside the extension, relative to its root. The build
 * script (scripts/build.mjs) writes exactly these files; the client starts the
 * server and loads the webview script from them.
 */
export const SERVER_BUNDLE = 'dist/server/server.js';
export const CLIENT_BUNDLE = 'dist/client/extension.js';
export const CLI_BUNDLE = 'dist/cli/incident-records.js';
export const WEBVIEW_BUNDLE_DIR = 'dist/webview';
