/**
 * A `TextDocument` (vscode-languageserver-textdocument's interface, with the
 * same line and position semantics) whose text is a `ChunkedText`: an
 * incremental edit updates one chunk and the line table, and reading a range
 * never copies the whole document. `getText()` without a range joins the
 * chunks once per version; per-record features read ranges instead.
 */
import type { TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { Position, Range } from 'vscode-languageserver-types';
import { ChunkedText, TextSource } from './chunkedText';

const CR = 13;
const LF = 10;

function isEOL(c: number): boolean {
  return c === CR || c === LF;
}

/** Line starts of `text` (after each `\r\n`, `\n` or `\r`), shifted by `base`. */
function lineOffsetsOf(text: string, atLineStart: boolean, base: number): number[] {
  const out = atLineStart ? [base] : [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isEOL(c)) {
      if (c === CR && i + 1 < text.length && text.charCodeAt(i + 1) === LF) {
        i++;
      }
      out.push(base + i + 1);
    }
  }
  return out;
}

function wellFormed(range: Range): Range {
  const { start, end } = range;
  return start.line > end.line || (start.line === end.line && start.character > end.character) ? { start: end, end: start } : range;
}

export class ChunkedTextDocument implements TextDocument {
  private readonly content: ChunkedText;
  private lineOffsets: number[] | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    private versionNumber: number,
    text: string,
    chunkSize?: number,
  ) {
    this.content = new ChunkedText(text, chunkSize);
  }

  get version(): number {
    return this.versionNumber;
  }

  /** The text as a source of slices and lines (shared, always current). */
  get text(): TextSource {
    return this.content;
  }

  get length(): number {
    return this.content.length;
  }

  getText(range?: Range): string {
    if (range) {
      return this.content.slice(this.offsetAt(range.start), this.offsetAt(range.end));
    }
    return this.content.toString();
  }

  private getLineOffsets(): number[] {
    if (!this.lineOffsets) {
      // Built chunk by chunk: a \r\n split across two chunks is one break.
      const offsets = [0];
      const total = this.content.length;
      for (let start = 0; start < total; ) {
        const end = Math.min(total, start + 65536);
        const piece = this.content.slice(start, end);
        for (let i = 0; i < piece.length; i++) {
          const c = piece.charCodeAt(i);
          if (c === LF) {
            offsets.push(start + i + 1);
          } else if (c === CR) {
            const next = i + 1 < piece.length ? piece.charCodeAt(i + 1) : this.content.charCodeAt(start + i + 1);
            if (next !== LF) {
              offsets.push(start + i + 1);
            }
          }
        }
        start = end;
      }
      this.lineOffsets = offsets;
    }
    return this.lineOffsets;
  }

  private ensureBeforeEOL(offset: number, lineOffset: number): number {
    let o = offset;
    while (o > lineOffset && isEOL(this.content.charCodeAt(o - 1))) {
      o--;
    }
    return o;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(Math.min(offset, this.content.length), 0);
    const lineOffsets = this.getLineOffsets();
    let low = 0;
    let high = lineOffsets.length;
    while (low < high) {
      const mid = Math.floor((low + high) / 2);
      if (lineOffsets[mid] > clamped) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    const line = low - 1;
    const o = this.ensureBeforeEOL(clamped, lineOffsets[line]);
    return { line, character: o - lineOffsets[line] };
  }

  offsetAt(position: Position): number {
    const lineOffsets = this.getLineOffsets();
    if (position.line >= lineOffsets.length) {
      return this.content.length;
    }
    if (position.line < 0) {
      return 0;
    }
    const lineOffset = lineOffsets[position.line];
    if (position.character <= 0) {
      return lineOffset;
    }
    const next = position.line + 1 < lineOffsets.length ? lineOffsets[position.line + 1] : this.content.length;
    return this.ensureBeforeEOL(Math.min(lineOffset + position.character, next), lineOffset);
  }

  getLineRange(line: number): Range {
    const lineOffsets = this.getLineOffsets();
    if (line >= lineOffsets.length) {
      const last = lineOffsets.length - 1;
      return { start: { line: last, character: 0 }, end: { line: last, character: this.content.length - lineOffsets[last] } };
    }
    if (line < 0) {
      return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    }
    const start = lineOffsets[line];
    const next = line + 1 < lineOffsets.length ? lineOffsets[line + 1] : this.content.length;
    return { start: { line, character: 0 }, end: { line, character: this.ensureBeforeEOL(next, start) - start } };
  }

  getEOLCharacters(line: number): string {
    const lineOffsets = this.getLineOffsets();
    if (line < 0 || line >= lineOffsets.length) {
      return '';
    }
    const next = line + 1 < lineOffsets.length ? lineOffsets[line + 1] : this.content.length;
    return this.content.slice(this.ensureBeforeEOL(next, lineOffsets[line]), next);
  }

  get lineCount(): number {
    return this.getLineOffsets().length;
  }

  /**
   * Applies changes in order, as LSP sends them. `each` is told about every
   * incremental change right after it is applied, with its offsets in the
   * text before it (the record store updates itself from that); `replaced`
   * is told about a change that replaces the whole text.
   */
  update(
    changes: readonly TextDocumentContentChangeEvent[],
    version: number,
    each?: (change: { start: number; end: number; text: string }) => void,
    replaced?: () => void,
  ): void {
    for (const change of changes) {
      if (!('range' in change)) {
        this.content.setText(change.text);
        this.lineOffsets = undefined;
        replaced?.();
        continue;
      }
      const range = wellFormed(change.range);
      const start = this.offsetAt(range.start);
      const end = this.offsetAt(range.end);
      this.content.replace(start, end, change.text);
      this.updateLineOffsets(range, start, end, change.text);
      each?.({ start, end, text: change.text });
    }
    this.versionNumber = version;
  }

  private updateLineOffsets(range: Range, start: number, end: number, text: string): void {
    const lineOffsets = this.lineOffsets;
    if (!lineOffsets) {
      return;
    }
    const insertedEnd = start + text.length;
    const crlfAtStart = this.content.charCodeAt(start - 1) === CR && this.content.charCodeAt(start) === LF;
    const crlfAtEnd = this.content.charCodeAt(insertedEnd - 1) === CR && this.content.charCodeAt(insertedEnd) === LF;
    if (crlfAtStart || crlfAtEnd) {
      // A \r\n pair across an edit boundary: rebuild the line table on demand.
      this.lineOffsets = undefined;
      return;
    }
    const startLine = Math.max(range.start.line, 0);
    const endLine = Math.max(range.end.line, 0);
    const added = lineOffsetsOf(text, false, start);
    if (endLine - startLine === added.length) {
      for (let i = 0; i < added.length; i++) {
        lineOffsets[i + startLine + 1] = added[i];
      }
    } else if (added.length < 10000) {
      lineOffsets.splice(startLine + 1, endLine - startLine, ...added);
    } else {
      this.lineOffsets = lineOffsets.slice(0, startLine + 1).concat(added, lineOffsets.slice(endLine + 1));
    }
    const diff = text.length - (end - start);
    if (diff !== 0) {
      const offsets = this.lineOffsets!;
      for (let i = startLine + 1 + added.length; i < offsets.length; i++) {
        offsets[i] += diff;
      }
    }
  }
}
