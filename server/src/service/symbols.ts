/**
 * The outline: one symbol per record (one per line in JSON Lines), named by
 * its title with `service · severity` as detail; below it the record's
 * sections, and each action named by its type and time
 * (`clear_dag_run @ 05:02:10`) with its result and offset from the first
 * action.
 *
 * Each record is parsed once with jsonc-parser and only the nodes the outline
 * names are read, so a dataset of thousands of lines stays cheap; JSON Lines
 * records list their actions only, a `.incident.json` file its full structure.
 */
import { Node as JsonNode, ParseError, findNodeAtLocation, parseTree } from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentSymbol, SymbolKind } from 'vscode-languageserver-types';
import { DocumentFormat, DocumentLayout } from './parsing/recordSpans';
import { shallowEnoughForTree } from './parsing/scanner';
import { RecordView } from './recordDocument';
import { formatOffset, secondsBetween } from './util/durations';
import { shownText } from './util/text';

const MAX_DETAIL = 60;

function stringAt(root: JsonNode, path: (string | number)[]): string | undefined {
  const node = findNodeAtLocation(root, path);
  return node?.type === 'string' && typeof node.value === 'string' ? node.value : undefined;
}

function kindOf(node: JsonNode): SymbolKind {
  switch (node.type) {
    case 'object':
      return SymbolKind.Object;
    case 'array':
      return SymbolKind.Array;
    case 'string':
      return SymbolKind.String;
    case 'number':
      return SymbolKind.Number;
    case 'boolean':
      return SymbolKind.Boolean;
    default:
      return SymbolKind.Null;
  }
}

function scalarDetail(node: JsonNode): string | undefined {
  if (node.type === 'object' || node.type === 'array') {
    return undefined;
  }
  const text = node.type === 'string' ? shownText(String(node.value)) : JSON.stringify(node.value);
  return text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL - 1)}…` : text;
}

const MAX_NAME = 100;

/**
 * A key or value as a symbol name. Editors reject an empty or blank name
 * (VS Code drops the whole outline), so a blank one is shown quoted, as
 * VS Code's JSON outline does; line breaks show as `↵`, and a huge key is cut.
 */
function displayName(raw: string): string {
  const shown = shownText(raw); // no credential in the outline
  const name = shown.length > MAX_NAME ? `${shown.slice(0, MAX_NAME - 1)}…` : shown;
  const oneLine = name.replace(/\r\n|[\r\n\u2028\u2029]/g, '↵');
  return oneLine.trim() ? oneLine : `"${oneLine}"`;
}

/** `HH:MM:SS` as written in the timestamp (its own zone), or the raw text when it is not a date-time. */
function clockOf(timestamp: string | undefined): string | undefined {
  const match = timestamp ? /T(\d{2}:\d{2}:\d{2})/.exec(timestamp) : null;
  return match ? match[1] : timestamp;
}

class SymbolBuilder {
  constructor(
    private readonly view: RecordView,
    private readonly full: boolean,
  ) {}

  private range(node: JsonNode) {
    return this.view.rangeOfOffsets(node.offset, node.offset + node.length);
  }

  /** A property's symbol: range over `"key": value`, selection on the key. */
  property(property: JsonNode, children?: DocumentSymbol[], name?: string, detail?: string, kind?: SymbolKind): DocumentSymbol | undefined {
    const [key, value] = property.children ?? [];
    if (!key || !value) {
      return undefined;
    }
    return {
      name: name ?? displayName(String(key.value)),
      detail: detail ?? scalarDetail(value),
      kind: kind ?? kindOf(value),
      range: this.range(property),
      selectionRange: this.range(key),
      children: children ?? (this.full ? this.members(value) : undefined),
    };
  }

  /** Symbols of an object's properties or an array's items (full structure). */
  members(node: JsonNode): DocumentSymbol[] | undefined {
    if (node.type === 'object') {
      return (node.children ?? []).flatMap((p) => this.property(p) ?? []);
    }
    if (node.type === 'array') {
      return (node.children ?? []).map((item, index) => ({
        name: String(index),
        detail: scalarDetail(item),
        kind: kindOf(item),
        range: this.range(item),
        selectionRange: this.range(item),
        children: this.members(item),
      }));
    }
    return undefined;
  }

  action(item: JsonNode, index: number, firstTime: string | undefined): DocumentSymbol {
    const type = item.type === 'object' ? stringAt(item, ['action']) : undefined;
    const time = item.type === 'object' ? stringAt(item, ['timestamp']) : undefined;
    const result = item.type === 'object' ? stringAt(item, ['result']) : undefined;
    const offset = index > 0 && firstTime && time ? secondsBetween(firstTime, time) : undefined;
    const clock = clockOf(time);
    return {
      name: displayName(`${type?.trim() ? type : `action ${index + 1}`}${clock ? ` @ ${clock}` : ''}`),
      detail: [result, offset !== undefined ? formatOffset(offset) : undefined].filter(Boolean).join(' · ') || undefined,
      kind: SymbolKind.Event,
      range: this.range(item),
      selectionRange: this.range(findNodeAtLocation(item, ['action']) ?? item),
      children: this.full ? this.members(item) : undefined,
    };
  }

  /** The record's sections (full) or its actions only. */
  sections(root: JsonNode): DocumentSymbol[] {
    const actionsNode = findNodeAtLocation(root, ['actions_taken']);
    const items = actionsNode?.type === 'array' ? (actionsNode.children ?? []) : [];
    const firstTime = items[0]?.type === 'object' ? stringAt(items[0], ['timestamp']) : undefined;
    const actions = items.map((item, index) => this.action(item, index, firstTime));
    if (!this.full) {
      return actions;
    }
    return (root.children ?? []).flatMap((property) => {
      const isActions = property.children?.[1] === actionsNode && actionsNode !== undefined;
      return this.property(property, isActions ? actions : undefined, undefined, isActions ? `${actions.length} action${actions.length === 1 ? '' : 's'}` : undefined) ?? [];
    });
  }
}

function recordSymbol(view: RecordView, full: boolean): DocumentSymbol {
  const errors: ParseError[] = [];
  const shallow = shallowEnoughForTree(view.text);
  const root = shallow ? parseTree(view.text, errors, { allowTrailingComma: true, disallowComments: false }) : undefined;
  const whole = view.rangeOfOffsets(0, view.text.length);
  const fallbackName = `Record ${view.span.index + 1}`;
  if (!root || root.type !== 'object') {
    return { name: fallbackName, detail: shallow ? 'not a record' : 'nested too deep', kind: SymbolKind.Object, range: whole, selectionRange: whole };
  }
  const titleNode = findNodeAtLocation(root, ['incident', 'title']);
  const title = titleNode?.type === 'string' ? String(titleNode.value).trim() : '';
  const detail = shownText([stringAt(root, ['incident', 'service']), stringAt(root, ['incident', 'severity']), errors.length ? 'invalid JSON' : undefined].filter(Boolean).join(' · '));
  const builder = new SymbolBuilder(view, full);
  return {
    name: title ? displayName(title) : fallbackName,
    detail: detail || undefined,
    kind: SymbolKind.Object,
    range: whole,
    selectionRange: titleNode && title ? view.rangeOfOffsets(titleNode.offset, titleNode.offset + titleNode.length) : whole,
    children: builder.sections(root),
  };
}

/** Above this many records a JSON array is outlined like a dataset: records and their actions only. */
const FULL_STRUCTURE_LIMIT = 200;

export function documentSymbols(document: TextDocument, layout: DocumentLayout, format: DocumentFormat): DocumentSymbol[] {
  const full = format === 'json' && layout.spans.length <= FULL_STRUCTURE_LIMIT;
  return layout.spans.map((span) => recordSymbol(new RecordView(document, span, format), full));
}
