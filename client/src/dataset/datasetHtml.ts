/**
 * The dataset view's HTML shell. Pure (no `vscode`), so the headless browser
 * test renders exactly what the editor shows. Same policy as the timeline:
 * one script by nonce, one stylesheet from the webview's own source, nothing
 * else (no inline script or style, no remote resources, no forms).
 */
import { contentSecurityPolicy } from '../preview/timelineHtml';

export { createNonce } from '../preview/timelineHtml';

export interface DatasetHtmlOptions {
  /** `webview.cspSource`: the origin the webview serves local resources from. */
  readonly cspSource: string;
  /** Webview URIs of dist/webview/dataset.js and media/dataset.css. */
  readonly scriptUri: string;
  readonly styleUri: string;
  /** A fresh nonce per page (see `createNonce`). */
  readonly nonce: string;
}

function attribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function datasetHtml(options: DatasetHtmlOptions): string {
  const csp = attribute(contentSecurityPolicy(options.cspSource, options.nonce));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attribute(options.styleUri)}">
<title>Dataset view</title>
</head>
<body>
<main id="app" aria-busy="true" aria-label="Dataset view"><p class="empty">Loading the dataset…</p></main>
<script nonce="${attribute(options.nonce)}" src="${attribute(options.scriptUri)}"></script>
</body>
</html>
`;
}
