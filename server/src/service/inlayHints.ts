/**
 * Inlay hints: durations in seconds read as people say them
 * (`"resolution_time": 3723` → `1h 02m 03s`), and each action's offset from
 * the first action after its timestamp (`+4m 12s`), so the pace of a
 * resolution is visible without arithmetic.
 *
 * Only records that intersect the requested range are parsed (the editor
 * asks for the visible range), once each.
 */
import { Node as JsonNode, findNodeAtLocation } from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { InlayHint, InlayHintKind, Range } from 'vscode-languageserver-types';
import { parseTolerant } from './completion/recordFacts';
import { DocumentFormat, DocumentLayout, RecordSpan } from './parsing/recordSpans';
import { RecordView } from './recordDocument';
import { formatDuration, formatOffset, parseInstant } from './util/durations';

/** Durations in seconds that get a human form, with the tooltip that names them. */
const DURATIONS: readonly { readonly path: readonly string[]; readonly what: string }[] = [
  { path: ['resolution_time'], what: 'Resolution time' },
  { path: ['incident', 'metadata', 'duration_seconds'], what: 'Task duration' },
  { path: ['incident', 'metadata', 'expected_duration_seconds'], what: 'Expected task duration' },
];

/** Below a minute the number of seconds already reads well. */
const MIN_DURATION_HINT = 60;

function spansIn(layout: DocumentLayout, start: number, end: number): RecordSpan[] {
  return layout.spans.filter((span) => span.end >= start && span.start <= end);
}

function hintAfter(view: RecordView, node: JsonNode, label: string, tooltip: string): InlayHint {
  return {
    position: view.rangeOfOffsets(node.offset + node.length, node.offset + node.length).start,
    label,
    kind: InlayHintKind.Type,
    paddingLeft: true,
    tooltip,
  };
}

function durationHints(view: RecordView, root: JsonNode): InlayHint[] {
  return DURATIONS.flatMap(({ path, what }) => {
    const node = findNodeAtLocation(root, [...path]);
    if (node?.type !== 'number' || typeof node.value !== 'number' || node.value < MIN_DURATION_HINT) {
      return [];
    }
    const human = formatDuration(node.value);
    return human ? [hintAfter(view, node, human, `${what}: ${node.value} s`)] : [];
  });
}

function actionOffsetHints(view: RecordView, root: JsonNode): InlayHint[] {
  const actions = findNodeAtLocation(root, ['actions_taken']);
  const items = actions?.type === 'array' ? (actions.children ?? []) : [];
  const timestamps = items.map((item) => (item.type === 'object' ? findNodeAtLocation(item, ['timestamp']) : undefined));
  const origin = timestamps[0]?.type === 'string' ? parseInstant(timestamps[0].value) : undefined;
  if (origin === undefined) {
    return [];
  }
  return timestamps.slice(1).flatMap((node) => {
    const instant = node?.type === 'string' ? parseInstant(node.value) : undefined;
    const offset = instant === undefined ? undefined : formatOffset((instant - origin) / 1000);
    return node && offset ? [hintAfter(view, node, offset, 'Time since the first action')] : [];
  });
}

function inRange(hint: InlayHint, range: Range): boolean {
  const { line, character } = hint.position;
  const afterStart = line > range.start.line || (line === range.start.line && character >= range.start.character);
  const beforeEnd = line < range.end.line || (line === range.end.line && character <= range.end.character);
  return afterStart && beforeEnd;
}

export function inlayHints(document: TextDocument, layout: DocumentLayout, format: DocumentFormat, range: Range): InlayHint[] {
  const hints: InlayHint[] = [];
  for (const span of spansIn(layout, document.offsetAt(range.start), document.offsetAt(range.end))) {
    const view = new RecordView(document, span, format);
    const root = parseTolerant(view.text);
    if (root?.type === 'object') {
      hints.push(...durationHints(view, root), ...actionOffsetHints(view, root));
    }
  }
  return hints.filter((hint) => inRange(hint, range)).sort((a, b) => a.position.line - b.position.line || a.position.character - b.position.character);
}
