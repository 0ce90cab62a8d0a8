/**
 * The timeline webview's HTML shell. Pure (no `vscode`), so the headless
 * browser test renders exactly what the editor shows. The page loads one
 * script, by nonce, and one stylesheet from the webview's own source; the CSP
 * forbids everything else (no inline script or style, no remote resources,
 * no forms, no <base>).
 */
import { randomBytes } from 'node:crypto';

export interface TimelineHtmlOptions {
  /** `webview.cspSource`: the origin the webview serves local resources from. */
  readonly cspSource: string;
  /** Webview URIs of dist/webview/timeline.js and media/timeline.css. */
  readonly scriptUri: string;
  readonly styleUri: string;
  /** A fresh nonce per page (see `createNonce`). */
  readonly nonce: string;
}

/** 128 random bits from the OS's CSPRNG, as the CSP nonce of one page. */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

function attribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `img-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function timelineHtml(options: TimelineHtmlOptions): string {
  const csp = attribute(contentSecurityPolicy(options.cspSource, options.nonce));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attribute(options.styleUri)}">
<title>Incident timeline</title>
</head>
<body>
<main id="app" aria-busy="true" aria-label="Incident timeline"><p class="empty">Loading the timeline…</p></main>
<script nonce="${attribute(options.nonce)}" src="${attribute(options.scriptUri)}"></script>
</body>
</html>
`;
}
