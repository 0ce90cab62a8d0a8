/**
 * Minimal edits on a record's position tree. Each function changes only the
 * text it must: an inserted property follows the object's own layout (one
 * line or one property per line, its indentation and separators, the file's
 * line endings) and handles the commas; a removed property takes its comma
 * with it; reordered items keep their own text and the whitespace between
 * them. Offsets are relative to the record's first character.
 */
import { JsonNode } from '../parsing/locator';
import { RecordSource, lineIndentAt, startsLine } from './recordSource';
import { Segment, Template } from './template';

/** Replace `start..end` of the record text with the template. */
export interface TextChange {
  readonly start: number;
  readonly end: number;
  readonly template: Template;
}

/** A value to insert: a template, or an object whose properties are laid out like the surrounding object. */
export type ValueSpec = Template | ObjectSpec;

export interface ObjectSpec {
  readonly entries: readonly PropertySpec[];
}

export interface PropertySpec {
  readonly key: string;
  readonly value: ValueSpec;
}

interface Layout {
  readonly multiline: boolean;
  /** Indentation of the object's properties (multi-line only). */
  readonly childIndent: string;
  /** Indentation of the line of the object's closing brace (multi-line only). */
  readonly closeIndent: string;
  readonly colon: string;
  readonly afterComma: string;
}

function end(node: JsonNode): number {
  return node.offset + node.length;
}

function isObjectSpec(value: ValueSpec): value is ObjectSpec {
  return !Array.isArray(value);
}

function objectLayout(src: RecordSource, object: JsonNode): Layout {
  const abs = (offset: number): number => src.span.start + offset;
  const children = object.children ?? [];
  const closeIndent = lineIndentAt(src.documentText, abs(object.offset));
  let multiline: boolean;
  let childIndent = closeIndent + src.indentUnit;
  let afterComma = src.afterComma;
  let colon = src.colon;
  if (children.length) {
    const onOwnLine = children.find((child) => startsLine(src.documentText, abs(child.offset)));
    multiline = onOwnLine !== undefined;
    if (onOwnLine) {
      childIndent = lineIndentAt(src.documentText, abs(onOwnLine.offset));
    }
    const [key, value] = children[0].children ?? [];
    const between = key && value ? src.text.slice(end(key), value.offset) : '';
    if (between && !between.includes('\n')) {
      colon = between;
    }
    if (children.length > 1 && !multiline) {
      afterComma = src.text.slice(end(children[0]), children[1].offset).replace(',', '');
    }
  } else {
    multiline = src.text.slice(object.offset, end(object)).includes('\n') || src.text.includes('\n');
  }
  return { multiline, childIndent, closeIndent, colon, afterComma };
}

/** The value as text at `indent` (the indentation of the line its key is on). */
export function renderValue(value: ValueSpec, layout: Pick<Layout, 'multiline' | 'colon' | 'afterComma'>, indent: string, src: RecordSource): Template {
  if (!isObjectSpec(value)) {
    return value;
  }
  if (value.entries.length === 0) {
    return ['{}'];
  }
  const inner = indent + src.indentUnit;
  const out: Segment[] = ['{'];
  value.entries.forEach((entry, i) => {
    if (i > 0) {
      out.push(',');
    }
    out.push(layout.multiline ? src.eol + inner : i > 0 ? layout.afterComma : '');
    out.push(JSON.stringify(entry.key), layout.colon, ...renderValue(entry.value, layout, inner, src));
  });
  out.push(layout.multiline ? src.eol + indent + '}' : '}');
  return out;
}

function renderProperty(entry: PropertySpec, layout: Layout, src: RecordSource): Template {
  return [JSON.stringify(entry.key), layout.colon, ...renderValue(entry.value, layout, layout.childIndent, src)];
}

/** Index of the existing property after which `key` goes to follow `order`; -1 = before the first. */
function anchorFor(key: string, children: readonly JsonNode[], order: readonly string[] | undefined): number {
  const rank = order ? order.indexOf(key) : -1;
  if (rank < 0) {
    return children.length - 1;
  }
  let anchor = -1;
  children.forEach((child, i) => {
    const r = order!.indexOf(String(child.children?.[0]?.value));
    if (r >= 0 && r < rank) {
      anchor = i;
    }
  });
  return anchor;
}

/**
 * Inserts properties into an object, each after the last existing property
 * that precedes it in `order` (schema order), or at the end when it is not in
 * `order`. Properties the object already has are skipped.
 */
export function insertProperties(src: RecordSource, object: JsonNode, entries: readonly PropertySpec[], order?: readonly string[]): TextChange[] {
  const children = object.children ?? [];
  const existing = new Set(children.map((c) => String(c.children?.[0]?.value)));
  const wanted = entries.filter((e) => !existing.has(e.key));
  if (wanted.length === 0) {
    return [];
  }
  const layout = objectLayout(src, object);
  const separator = layout.multiline ? src.eol + layout.childIndent : layout.afterComma;
  if (children.length === 0) {
    const body: Segment[] = [];
    wanted.forEach((entry, i) => body.push(...(i > 0 ? [',', separator] : []), ...renderProperty(entry, layout, src)));
    const template = layout.multiline ? [src.eol + layout.childIndent, ...body, src.eol + layout.closeIndent] : body;
    return [{ start: object.offset + 1, end: end(object) - 1, template }];
  }
  const groups = new Map<number, PropertySpec[]>();
  for (const entry of wanted) {
    const anchor = anchorFor(entry.key, children, order);
    groups.set(anchor, [...(groups.get(anchor) ?? []), entry]);
  }
  const changes: TextChange[] = [];
  for (const [anchor, group] of [...groups].sort((a, b) => a[0] - b[0])) {
    const template: Segment[] = [];
    if (anchor < 0) {
      for (const entry of group) {
        template.push(...renderProperty(entry, layout, src), ',', separator);
      }
      changes.push({ start: children[0].offset, end: children[0].offset, template });
    } else {
      for (const entry of group) {
        template.push(',', separator, ...renderProperty(entry, layout, src));
      }
      changes.push({ start: end(children[anchor]), end: end(children[anchor]), template });
    }
  }
  return changes;
}

/** Removes a property node (key and value) with the comma that separates it from its neighbour. */
export function removeProperty(property: JsonNode): TextChange {
  const object = property.parent!;
  const siblings = object.children ?? [];
  const i = siblings.indexOf(property);
  if (i < siblings.length - 1) {
    return { start: property.offset, end: siblings[i + 1].offset, template: [''] };
  }
  if (i > 0) {
    return { start: end(siblings[i - 1]), end: end(property), template: [''] };
  }
  return { start: object.offset + 1, end: end(object) - 1, template: [''] };
}

/** Replaces a whole value (or key) node with new text. */
export function replaceNode(node: JsonNode, template: Template): TextChange {
  return { start: node.offset, end: end(node), template };
}

/** Raw offset (inside the quotes) of each decoded UTF-16 unit of a JSON string's raw text, plus the end. */
function rawOffsets(raw: string): number[] {
  const offsets: number[] = [];
  let i = 0;
  while (i < raw.length) {
    offsets.push(i);
    i += raw[i] !== '\\' ? 1 : raw[i + 1] === 'u' ? 6 : 2;
  }
  offsets.push(raw.length);
  return offsets;
}

function isHigh(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLow(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * Changes a string value to `next` by editing only the characters that
 * differ, so escapes elsewhere in the string stay exactly as written.
 */
export function replaceStringValue(src: RecordSource, node: JsonNode, next: string): TextChange | undefined {
  const old = node.value;
  if (node.type !== 'string' || typeof old !== 'string' || old === next) {
    return undefined;
  }
  let prefix = 0;
  while (prefix < old.length && prefix < next.length && old[prefix] === next[prefix]) {
    prefix++;
  }
  let suffix = 0;
  while (suffix < old.length - prefix && suffix < next.length - prefix && old[old.length - 1 - suffix] === next[next.length - 1 - suffix]) {
    suffix++;
  }
  if (prefix > 0 && isHigh(old.charCodeAt(prefix - 1))) {
    prefix--;
  }
  if (suffix > 0 && isLow(old.charCodeAt(old.length - suffix))) {
    suffix--;
  }
  const offsets = rawOffsets(src.text.slice(node.offset + 1, end(node) - 1));
  if (offsets.length !== old.length + 1) {
    return undefined;
  }
  const base = node.offset + 1;
  const middle = JSON.stringify(next.slice(prefix, next.length - suffix)).slice(1, -1);
  return { start: base + offsets[prefix], end: base + offsets[old.length - suffix], template: [middle] };
}

/**
 * Puts the items of an array in `order` (order[i] = old index of the item
 * that goes to slot i). Each item keeps its text; the whitespace between
 * slots stays as it was. Only the span from the first to the last moved
 * slot is replaced.
 */
export function reorderItems(src: RecordSource, array: JsonNode, order: readonly number[]): TextChange | undefined {
  const items = array.children ?? [];
  const isPermutation = order.length === items.length && new Set(order).size === items.length && order.every((n) => Number.isInteger(n) && n >= 0 && n < items.length);
  if (!isPermutation) {
    return undefined;
  }
  const moved = order.map((n, i) => n !== i);
  const first = moved.indexOf(true);
  const last = moved.lastIndexOf(true);
  if (first < 0) {
    return undefined;
  }
  let text = '';
  for (let i = first; i <= last; i++) {
    const item = items[order[i]];
    text += src.text.slice(item.offset, end(item));
    if (i < last) {
      text += src.text.slice(end(items[i]), items[i + 1].offset);
    }
  }
  return { start: items[first].offset, end: end(items[last]), template: [text] };
}
