/**
 * Text kept as a list of chunks that end at line breaks, so that an edit of a
 * large document costs the size of the chunk it touches, not the size of the
 * document. A plain JavaScript string built by concatenation is a rope that V8
 * copies into one flat buffer on the next read: for a 30 MB dataset that copy
 * dominated the time from a keystroke to updated diagnostics.
 */
import { lastAtOrBefore } from '../util/sortedSearch';

/** Read access to a document's text, by offsets. */
export interface TextSource {
  readonly length: number;
  slice(start: number, end: number): string;
  /** Offset of the start of the `\n`-terminated line that contains `offset`. */
  lineStart(offset: number): number;
  /** Offset of the `\n` that ends the line containing `offset`, or the length. */
  lineEnd(offset: number): number;
  /** The whole text as one string (costs a copy of the text for chunked sources). */
  toString(): string;
}

/** A string as a `TextSource`. */
export class StringSource implements TextSource {
  constructor(private readonly text: string) {}

  get length(): number {
    return this.text.length;
  }

  slice(start: number, end: number): string {
    return this.text.slice(start, end);
  }

  lineStart(offset: number): number {
    // lastIndexOf clamps a negative start to 0 and would find a "\n" at 0.
    return offset <= 0 ? 0 : this.text.lastIndexOf('\n', offset - 1) + 1;
  }

  lineEnd(offset: number): number {
    const i = this.text.indexOf('\n', offset);
    return i < 0 ? this.text.length : i;
  }

  toString(): string {
    return this.text;
  }
}

/** Target chunk size, in UTF-16 code units. */
export const CHUNK_SIZE = 64 * 1024;

/** Splits text into chunks of about `size` that end after a `\n` (a line much longer than that is cut). */
function chunk(text: string, out: string[], size: number): void {
  let from = 0;
  while (text.length - from > 2 * size) {
    let cut = text.indexOf('\n', from + size);
    if (cut < 0 || cut - from > 4 * size) {
      cut = from + 2 * size - 1;
    }
    out.push(text.slice(from, cut + 1));
    from = cut + 1;
  }
  if (from < text.length || out.length === 0) {
    out.push(from === 0 ? text : text.slice(from));
  }
}

export class ChunkedText implements TextSource {
  private chunks: string[] = [];
  /** Offset of each chunk's first character. */
  private starts: number[] = [];
  private total = 0;
  private joined: string | undefined;

  /** `chunkSize` is for tests; the default suits documents of any size. */
  constructor(
    text: string,
    private readonly chunkSize = CHUNK_SIZE,
  ) {
    this.setText(text);
  }

  get length(): number {
    return this.total;
  }

  /** Replaces the whole text. */
  setText(text: string): void {
    const chunks: string[] = [];
    chunk(text, chunks, this.chunkSize);
    this.chunks = chunks;
    this.reindex(0);
    // The chunks are slices of `text` and keep it alive anyway: keep it as the joined text too.
    this.joined = text;
  }

  toString(): string {
    this.joined ??= this.chunks.join('');
    return this.joined;
  }

  /** Index of the chunk holding `offset` (the last chunk for `offset === length`). */
  private chunkAt(offset: number): number {
    return lastAtOrBefore(this.starts, offset);
  }

  private reindex(from: number): void {
    let offset = from > 0 ? this.starts[from - 1] + this.chunks[from - 1].length : 0;
    this.starts.length = this.chunks.length;
    for (let i = from; i < this.chunks.length; i++) {
      this.starts[i] = offset;
      offset += this.chunks[i].length;
    }
    this.total = offset;
  }

  slice(start: number, end: number): string {
    const s = Math.max(0, Math.min(start, this.total));
    const e = Math.max(s, Math.min(end, this.total));
    if (this.joined !== undefined) {
      return this.joined.slice(s, e);
    }
    let i = this.chunkAt(s);
    const local = s - this.starts[i];
    if (e <= this.starts[i] + this.chunks[i].length) {
      return this.chunks[i].slice(local, e - this.starts[i]);
    }
    let out = this.chunks[i].slice(local);
    for (i++; i < this.chunks.length && this.starts[i] < e; i++) {
      out += this.chunks[i].slice(0, e - this.starts[i]);
    }
    return out;
  }

  charCodeAt(offset: number): number {
    if (offset < 0 || offset >= this.total) {
      return NaN;
    }
    const i = this.chunkAt(offset);
    return this.chunks[i].charCodeAt(offset - this.starts[i]);
  }

  lineStart(offset: number): number {
    for (let i = this.chunkAt(Math.max(0, Math.min(offset, this.total))); i >= 0; i--) {
      const local = Math.min(offset, this.starts[i] + this.chunks[i].length) - this.starts[i];
      const found = local > 0 ? this.chunks[i].lastIndexOf('\n', local - 1) : -1;
      if (found >= 0) {
        return this.starts[i] + found + 1;
      }
    }
    return 0;
  }

  lineEnd(offset: number): number {
    for (let i = this.chunkAt(Math.max(0, Math.min(offset, this.total))); i < this.chunks.length; i++) {
      const local = Math.max(0, offset - this.starts[i]);
      const found = this.chunks[i].indexOf('\n', local);
      if (found >= 0) {
        return this.starts[i] + found;
      }
    }
    return this.total;
  }

  /** Replaces text[start, end) with `text`, touching only the chunks involved. */
  replace(start: number, end: number, text: string): void {
    const s = Math.max(0, Math.min(start, this.total));
    const e = Math.max(s, Math.min(end, this.total));
    const first = this.chunkAt(s);
    const last = this.chunkAt(e);
    const merged = this.chunks[first].slice(0, s - this.starts[first]) + text + this.chunks[last].slice(e - this.starts[last]);
    const pieces: string[] = [];
    if (merged.length > 0 || this.chunks.length === last - first + 1) {
      chunk(merged, pieces, this.chunkSize);
    }
    this.chunks.splice(first, last - first + 1, ...pieces);
    this.reindex(first);
    this.joined = undefined;
    if (this.chunks.length === 1) {
      this.joined = this.chunks[0];
    }
  }
}
