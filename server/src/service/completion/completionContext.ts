/**
 * Where the cursor is in the record being written, and how text inserted
 * there must look: which property or value is being completed, what it
 * replaces, whether commas are needed around it, and the indentation (or a
 * single line, for JSON Lines and one-line objects).
 *
 * The record is usually incomplete, so positions come from jsonc-parser's
 * tolerant `getLocation` and scanner rather than from a parsed document.
 */
import type { ActionCatalog } from '../catalog';
import { JSONPath, Node as JsonNode, createScanner, findNodeAtLocation, getLocation, getNodeValue } from 'jsonc-parser';
import type { TextSource } from '../text/chunkedText';
import { RecordView } from '../recordDocument';
import { RecordFacts, factsOf, parseTolerant } from './recordFacts';

/**
 * jsonc-parser's token kinds. Its `SyntaxKind` is a `const enum`, which
 * isolated modules cannot read, so the values are restated here.
 */
const SyntaxKind = {
  OpenBraceToken: 1,
  OpenBracketToken: 3,
  CommaToken: 5,
  ColonToken: 6,
  NullKeyword: 7,
  TrueKeyword: 8,
  FalseKeyword: 9,
  StringLiteral: 10,
  NumericLiteral: 11,
  LineCommentTrivia: 12,
  BlockCommentTrivia: 13,
  LineBreakTrivia: 14,
  Trivia: 15,
  Unknown: 16,
  EOF: 17,
} as const;
type SyntaxKind = number;

export type CursorAt =
  /** A property name inside the object at `objectPath`. */
  | { readonly kind: 'key'; readonly objectPath: JSONPath; readonly existingKeys: readonly string[]; readonly keyOnly: boolean }
  /** The value at `path`; when the last segment is a number, a new or existing array item. */
  | { readonly kind: 'value'; readonly path: JSONPath; readonly node?: JsonNode };

export interface InsertLayout {
  readonly inline: boolean;
  readonly spacing: 'compact' | 'spaced';
  readonly indentUnit: string;
  /** Indentation of the cursor's line: continuation lines start with it. */
  readonly baseIndent: string;
  /** Set when the text goes into an empty `{}`/`[]` opened on the cursor's line: it is put on a line of its own. */
  readonly expand?: { readonly inner: string; readonly outer: string };
  /**
   * Set when the cursor is in an object written on one line whose siblings
   * are laid out over several (`{"action": ""}` among pretty-printed
   * actions): text that spans lines also breaks the object open, so the
   * result is laid out like its siblings. Record-relative offsets of the
   * whitespace after the opening and before the closing bracket.
   */
  readonly reflow?: { readonly open: readonly [number, number]; readonly close: readonly [number, number]; readonly inner: string; readonly outer: string };
}

export interface CompletionContext {
  readonly view: RecordView;
  /** The record's text; every offset here is relative to it. */
  readonly text: string;
  readonly offset: number;
  readonly root?: JsonNode;
  readonly facts: RecordFacts;
  readonly at: CursorAt;
  /** Offsets of the text a proposal replaces (a partly typed key or value, or nothing). */
  readonly replace: readonly [number, number];
  /** Where a comma must be added after the previous member or item, if one is missing. */
  readonly commaBefore?: number;
  /** Whether the inserted text needs a trailing comma (another member or item follows). */
  readonly commaAfter: boolean;
  readonly layout: InsertLayout;
}

interface Token {
  readonly kind: SyntaxKind;
  readonly start: number;
  readonly end: number;
  readonly terminated: boolean;
}

const TRIVIA = new Set<number>([SyntaxKind.Trivia, SyntaxKind.LineBreakTrivia, SyntaxKind.LineCommentTrivia, SyntaxKind.BlockCommentTrivia]);
const WORDS = new Set<number>([SyntaxKind.Unknown, SyntaxKind.NumericLiteral, SyntaxKind.TrueKeyword, SyntaxKind.FalseKeyword, SyntaxKind.NullKeyword]);

function significantTokens(text: string): Token[] {
  const scanner = createScanner(text, true);
  const tokens: Token[] = [];
  for (let kind: number = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (!TRIVIA.has(kind)) {
      const start = scanner.getTokenOffset();
      tokens.push({ kind, start, end: start + scanner.getTokenLength(), terminated: scanner.getTokenError() === 0 });
    }
  }
  return tokens;
}

/** The key or value token the cursor is in (a string between its quotes, or a bare word up to its end). */
function tokenAt(tokens: readonly Token[], offset: number): Token | undefined {
  return tokens.find((t) => {
    if (t.kind === SyntaxKind.StringLiteral) {
      return t.start < offset && (offset < t.end || (!t.terminated && offset <= t.end));
    }
    return WORDS.has(t.kind) && t.start < offset && offset <= t.end;
  });
}

function replaceRange(token: Token | undefined, offset: number): [number, number] {
  if (!token) {
    return [offset, offset];
  }
  // An unterminated string runs to the end of the line: replace only what was typed.
  return [token.start, token.terminated ? token.end : offset];
}

const SEPARATORS = new Set<number>([SyntaxKind.OpenBraceToken, SyntaxKind.OpenBracketToken, SyntaxKind.CommaToken, SyntaxKind.ColonToken]);

function objectKeys(node: JsonNode | undefined, except?: number): string[] {
  if (node?.type !== 'object') {
    return [];
  }
  return (node.children ?? []).flatMap((p) => {
    const key = p.children?.[0];
    return key && key.offset !== except && typeof key.value === 'string' ? [key.value] : [];
  });
}

function nodeAt(root: JsonNode | undefined, path: JSONPath): JsonNode | undefined {
  return root ? (path.length ? findNodeAtLocation(root, path) : root) : undefined;
}

/** Indentation of one level: a tab, or the smallest indentation of the document's first lines (2 when there is none). */
export function detectIndentUnit(text: string): string {
  let smallest = 0;
  const lines = text.slice(0, 20_000).split('\n', 200);
  for (const line of lines) {
    const indent = /^[ \t]*/.exec(line)![0];
    if (indent.startsWith('\t')) {
      return '\t';
    }
    if (indent.length > 0 && indent.length < line.length && (smallest === 0 || indent.length < smallest)) {
      smallest = indent.length;
    }
  }
  return ' '.repeat(smallest || 2);
}

/** Space, tab, line feed or carriage return. */
function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

function lineIndent(documentText: TextSource, offset: number): string {
  return /^[ \t]*/.exec(documentText.slice(documentText.lineStart(offset), offset))![0];
}

function layoutFor(view: RecordView, container: JsonNode | undefined, offset: number): InsertLayout {
  const text = view.text;
  const documentText = view.source;
  const absolute = view.span.start + offset;
  const indentUnit = detectIndentUnit(documentText.slice(0, 20_000));
  const baseIndent = lineIndent(documentText, absolute);
  // JSON.stringify writes no space after a colon; anyone who does writes one after each (a comma in prose would mislead).
  const spacing = /":\s/.test(text) ? 'spaced' : 'compact';
  if (view.format === 'jsonl' || !text.includes('\n')) {
    return { inline: true, spacing, indentUnit, baseIndent };
  }
  if (container) {
    const inner = text.slice(container.offset, container.offset + container.length);
    const sameLine = !text.slice(container.offset, offset).includes('\n');
    if (!inner.includes('\n') && (container.children?.length ?? 0) > 0 && container.length > 2) {
      const siblings = container.parent?.type === 'array' ? (container.parent.children ?? []).filter((c) => c !== container) : [];
      const pretty = siblings.some((c) => text.slice(c.offset, c.offset + c.length).includes('\n'));
      if (pretty && container.type === 'object') {
        const outer = lineIndent(documentText, view.span.start + container.offset);
        let openEnd = container.offset + 1;
        while (openEnd < container.offset + container.length - 1 && isSpace(text.charCodeAt(openEnd))) {
          openEnd++;
        }
        const closeEnd = container.offset + container.length - 1;
        let closeStart = closeEnd;
        while (closeStart > openEnd && isSpace(text.charCodeAt(closeStart - 1))) {
          closeStart--;
        }
        return {
          inline: false,
          spacing,
          indentUnit,
          baseIndent: outer + indentUnit,
          reflow: { open: [container.offset + 1, openEnd], close: [closeStart, closeEnd], inner: outer + indentUnit, outer },
        };
      }
      return { inline: true, spacing, indentUnit, baseIndent };
    }
    if (sameLine && !(container.children?.length ?? 0) && !inner.slice(1, -1).trim()) {
      return { inline: false, spacing, indentUnit, baseIndent: baseIndent + indentUnit, expand: { inner: baseIndent + indentUnit, outer: baseIndent } };
    }
  }
  return { inline: false, spacing, indentUnit, baseIndent };
}

/** Analyses the cursor at record-relative `offset`; `undefined` outside the record's value. */
export function completionContext(view: RecordView, offset: number, catalog?: ActionCatalog): CompletionContext | undefined {
  const text = view.text;
  const location = getLocation(text, offset);
  if (location.path.length === 0) {
    return undefined;
  }
  const tokens = significantTokens(text);
  const token = tokenAt(tokens, offset);
  const root = parseTolerant(text);
  const facts = factsOf(root ? getNodeValue(root) : undefined, catalog);
  let at: CursorAt;
  let replace = replaceRange(token, offset);
  let containerPath: JSONPath;
  // A key typed after a member without a comma is reported as a value of that key; jsonc-parser still marks its node as a property name.
  if (location.isAtPropertyKey || (token?.kind === SyntaxKind.StringLiteral && location.previousNode?.type === 'property')) {
    containerPath = location.path.slice(0, -1);
    const next = tokens.find((t) => t.start >= replace[1]);
    at = { kind: 'key', objectPath: containerPath, existingKeys: objectKeys(nodeAt(root, containerPath), token?.start), keyOnly: next?.kind === SyntaxKind.ColonToken };
  } else {
    const path = location.path;
    const node = nodeAt(root, path);
    const last = path[path.length - 1];
    if (node && !token && offset >= node.offset + node.length) {
      // After a complete value: the next member of the object, or the next item of the array.
      replace = [offset, offset];
      containerPath = path.slice(0, -1);
      at =
        typeof last === 'number'
          ? { kind: 'value', path: [...containerPath, last + 1] }
          : { kind: 'key', objectPath: containerPath, existingKeys: objectKeys(nodeAt(root, containerPath)), keyOnly: false };
    } else if (node && !token && offset < node.offset && typeof last === 'number') {
      // Before an existing item: a new item goes in front of it.
      containerPath = path.slice(0, -1);
      at = { kind: 'value', path };
    } else {
      if (node && !token && offset < node.offset) {
        // Between a colon and its value: the proposal replaces the value.
        replace = [offset, node.offset + node.length];
      }
      if (node && (node.type === 'object' || node.type === 'array')) {
        return undefined; // before a container value: nothing sensible to insert
      }
      if (node && node.offset <= offset && offset <= node.offset + node.length) {
        replace = [node.offset, node.offset + node.length];
      }
      containerPath = path.slice(0, -1);
      at = { kind: 'value', path, node };
    }
  }
  const previous = [...tokens].reverse().find((t) => t.end <= replace[0]);
  const next = tokens.find((t) => t.start >= replace[1]);
  const commaBefore = previous && !SEPARATORS.has(previous.kind) && (at.kind === 'key' || isArrayItem(at)) ? previous.end : undefined;
  const commaAfter = !!next && (at.kind === 'key' ? !at.keyOnly && next.kind === SyntaxKind.StringLiteral : startsValue(next.kind));
  return { view, text, offset, root, facts, at, replace, commaBefore, commaAfter, layout: layoutFor(view, nodeAt(root, containerPath), offset) };
}

function isArrayItem(at: CursorAt): boolean {
  return at.kind === 'value' && typeof at.path[at.path.length - 1] === 'number';
}

function startsValue(kind: SyntaxKind): boolean {
  return kind === SyntaxKind.StringLiteral || kind === SyntaxKind.OpenBraceToken || kind === SyntaxKind.OpenBracketToken || WORDS.has(kind);
}

/** The path of the value or object the cursor is at, as a dotted string with `*` for array indices (`actions_taken.*.action`). */
export function pathPattern(path: JSONPath): string {
  return path.map((segment) => (typeof segment === 'number' ? '*' : segment)).join('.');
}
