/**
 * Helpers for tests on real text: cursor markers, ranges of substrings, and
 * the repository's own files.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range } from 'vscode-languageserver-types';

/** The repository root (the folder whose package.json is this product's). */
export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'incident-records') {
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error('repository root not found');
    }
    dir = parent;
  }
}

export function readRepoFile(...segments: string[]): string {
  return fs.readFileSync(path.join(repoRoot(), ...segments), 'utf8');
}

/** Removes the `|` cursor marker from `marked` and returns the text and the cursor offset. */
export function caret(marked: string, marker = '|'): { text: string; offset: number } {
  const offset = marked.indexOf(marker);
  if (offset < 0) {
    throw new Error('no cursor marker');
  }
  return { text: marked.slice(0, offset) + marked.slice(offset + marker.length), offset };
}

export function positionAt(text: string, offset: number): Position {
  return TextDocument.create('test://x', 'json', 0, text).positionAt(offset);
}

/** The range of the `occurrence`-th (0-based) appearance of `needle` in `text`. */
export function rangeOf(text: string, needle: string, occurrence = 0): Range {
  let offset = -1;
  for (let i = 0; i <= occurrence; i++) {
    offset = text.indexOf(needle, offset + 1);
    if (offset < 0) {
      throw new Error(`"${needle}" (occurrence ${occurrence}) not found`);
    }
  }
  return { start: positionAt(text, offset), end: positionAt(text, offset + needle.length) };
}

export function incidentDocument(text: string, format: 'json' | 'jsonl' = 'json', name?: string): TextDocument {
  const uri = name ?? (format === 'jsonl' ? 'file:///workspace/test.incidents.jsonl' : 'file:///workspace/test.incident.json');
  return TextDocument.create(uri, format === 'jsonl' ? 'incident-jsonl' : 'incident-json', 1, text);
}
