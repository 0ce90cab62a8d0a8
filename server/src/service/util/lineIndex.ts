/**
 * Offsets to LSP positions (0-based line, UTF-16 character) for a text, with
 * line starts computed once. Lines end at `\n`, `\r\n` or a lone `\r`, as
 * in LSP (and vscode-languageserver-textdocument). JavaScript strings are
 * UTF-16, so a character index within a line is already an LSP character offset.
 */
import type { Position } from 'vscode-languageserver-types';
import { lastAtOrBefore } from './sortedSearch';

export class LineIndex {
  private readonly starts: number[];

  constructor(private readonly text: string) {
    this.starts = lineStarts(text);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineAt(offset: number): number {
    return lastAtOrBefore(this.starts, offset);
  }

  positionAt(offset: number): Position {
    let clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineAt(clamped);
    // Between the `\r` and `\n` of a line break is no position of the line: it maps
    // to the end of the line, as in vscode-languageserver-textdocument.
    if (clamped > this.starts[line] && this.text.charCodeAt(clamped - 1) === 13) {
      clamped--;
    }
    return { line, character: clamped - this.starts[line] };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.starts.length) {
      return this.text.length;
    }
    if (position.line < 0) {
      return 0;
    }
    const start = this.starts[position.line];
    const next = position.line + 1 < this.starts.length ? this.starts[position.line + 1] : this.text.length;
    return Math.max(start, Math.min(start + position.character, next));
  }
}

/** Offsets where lines start: after each `\n`, `\r\n` or lone `\r`. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  if (!text.includes('\r')) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      starts.push(i + 1);
    }
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) {
        i++;
      }
      starts.push(i + 1);
    } else if (c === 10) {
      starts.push(i + 1);
    }
  }
  return starts;
}
