/**
 * Helpers for the extension-host suite: fixture files, and waiting on what
 * the editor reports (diagnostic events, or a polled condition with a
 * deadline). Nothing here sleeps for a fixed time: a wait ends as soon as its
 * condition holds, and a timeout says what was awaited and what was seen.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'incident-records.incident-records';
export const SOURCE = 'incident-records';

/** Long enough for a cold language-server start on a loaded CI machine. */
const DEFAULT_TIMEOUT_MS = 30_000;
const POLL_INTERVAL_MS = 50;

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'The suite must run with the fixture workspace open (test/e2e/fixtures/workspace).');
  return folder.uri;
}

export function fixtureUri(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), relativePath);
}

export async function openFixture(relativePath: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(fixtureUri(relativePath));
  return vscode.window.showTextDocument(document, { preview: false });
}

export function extension(): vscode.Extension<unknown> {
  const found = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(found, `Extension ${EXTENSION_ID} is not installed in this VS Code.`);
  return found;
}

/** The diagnostic's code as a string, whether VS Code gives it plain or with a link. */
export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return String(typeof code === 'object' && code !== null ? code.value : code);
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function describeDiagnostics(diagnostics: readonly vscode.Diagnostic[]): string {
  if (!diagnostics.length) {
    return 'none';
  }
  return diagnostics.map((d) => `${codeOf(d)}@${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`).join('; ');
}

/**
 * Resolves with the product's diagnostics for `uri` once `predicate` holds,
 * re-checking on every diagnostics change event for that document.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    let subscription: vscode.Disposable | undefined;
    let timer: NodeJS.Timeout | undefined;
    const finish = (): void => {
      subscription?.dispose();
      clearTimeout(timer);
    };
    const check = (): boolean => {
      const diagnostics = ours(uri);
      if (!predicate(diagnostics)) {
        return false;
      }
      finish();
      resolve(diagnostics);
      return true;
    };
    if (check()) {
      return;
    }
    subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) {
        check();
      }
    });
    timer = setTimeout(() => {
      finish();
      reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what} in ${uri.path}. Diagnostics now: ${describeDiagnostics(ours(uri))}`));
    }, timeoutMs);
  });
}

/** Polls `probe` until it returns a value other than `undefined`/`false`, or fails after the deadline. */
export async function waitUntil<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}

/** The range of the `occurrence`-th (0-based) appearance of `needle` in the document. */
export function rangeOf(document: vscode.TextDocument, needle: string, occurrence = 0): vscode.Range {
  const text = document.getText();
  let offset = -1;
  for (let i = 0; i <= occurrence; i++) {
    offset = text.indexOf(needle, offset + 1);
    assert.ok(offset >= 0, `"${needle}" (occurrence ${occurrence}) is not in ${document.uri.path}`);
  }
  return new vscode.Range(document.positionAt(offset), document.positionAt(offset + needle.length));
}

export async function replaceText(document: vscode.TextDocument, range: vscode.Range, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, range, text);
  assert.ok(await vscode.workspace.applyEdit(edit), `VS Code refused to edit ${document.uri.path}`);
}

/** The open webview tabs of the timeline preview, in any editor group. */
export function timelineTabs(): { tab: vscode.Tab; group: vscode.TabGroup }[] {
  return vscode.window.tabGroups.all.flatMap((group) =>
    group.tabs
      // VS Code prefixes an extension's viewType (e.g. "mainThreadWebview-incidentRecords.timeline").
      .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('incidentRecords.timeline'))
      .map((tab) => ({ tab, group })),
  );
}
