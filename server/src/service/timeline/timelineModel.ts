/**
 * The timeline model of the record at a position: a pure function of the
 * document text, so the preview's content is tested without a browser. The
 * webview only draws what this returns.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { sourceOf } from '../text/documentSource';
import { Position } from 'vscode-languageserver-types';
import { getNodeValue, ParseError } from 'jsonc-parser';
import type {
  TimelineAction,
  TimelineEnd,
  TimelineHeader,
  TimelineModel,
  TimelineResult,
  TimelineWarning,
} from '../../../../common/timeline';
import { DocumentLayout, RecordSpan } from '../parsing/recordSpans';
import { findProperty, JsonNode, parseRecordTree } from '../parsing/locator';
import { formatOf, layoutOf, RecordView, spanAt } from '../recordDocument';
import { formatDuration, formatOffset } from '../util/durations';
import { shownDeep } from '../util/text';
import { ActionFacts, clockOf, isObject, readAction } from './timelineFields';
import { spacersFor } from './timelineAxis';
import { MESSAGES } from './timelineMessages';
import { recordDiagnostics, TimelineProblemOptions, timelineProblems } from './timelineProblems';

/**
 * The record at `position`, or the nearest one before it (the nearest after it
 * when there is none before), so that a cursor on a blank line or between
 * array items still shows a timeline. `undefined` only for a document without
 * records.
 */
export function spanNear(document: TextDocument, layout: DocumentLayout, position: Position): RecordSpan | undefined {
  const offset = document.offsetAt(position);
  const format = formatOf(document);
  const exact = spanAt(layout, sourceOf(document), offset, format);
  if (exact || layout.spans.length === 0) {
    return exact;
  }
  let before: RecordSpan | undefined;
  for (const span of layout.spans) {
    if (span.start > offset) {
      break;
    }
    before = span;
  }
  return before ?? layout.spans[0];
}

/**
 * The timeline of the record at `position` in `document`, or `null` when the
 * document has no record. `problems`: where the record's problems come from.
 */
export function timelineModel(document: TextDocument, position: Position, layout?: DocumentLayout, problems: TimelineProblemOptions = {}): TimelineModel | null {
  const format = formatOf(document);
  const resolved = layout ?? layoutOf(document.getText(), format);
  const span = spanNear(document, resolved, position);
  return span ? timelineOfRecord(new RecordView(document, span, format), resolved.spans.length, { ...problems, inDataset: resolved.shape !== 'single' }) : null;
}

/** The timeline of one record of a document. */
export function timelineOfRecord(view: RecordView, recordCount: number, problems: TimelineProblemOptions & { readonly inDataset?: boolean } = {}): TimelineModel {
  const errors: ParseError[] = [];
  const root = parseRecordTree(view.text, errors);
  const value: unknown = root ? getNodeValue(root) : undefined;
  const warnings: TimelineWarning[] = [];
  if (errors.length > 0) {
    warnings.push({ kind: 'syntax', message: MESSAGES.syntax() });
  }
  const record = isObject(value) ? value : {};
  if (!isObject(value)) {
    warnings.push({ kind: 'notAnObject', message: MESSAGES.notAnObject() });
  }
  const actionsNode = root?.type === 'object' ? findProperty(root, 'actions_taken')?.children?.[1] : undefined;
  const actionNodes = actionsNode?.type === 'array' ? (actionsNode.children ?? []) : [];
  if (isObject(value) && actionNodes.length === 0) {
    warnings.push({ kind: 'noActions', message: MESSAGES.noActions() });
  }
  const facts = actionNodes.map((node) => readAction(getNodeValue(node)));
  const resolution = typeof record.resolution_time === 'number' && Number.isFinite(record.resolution_time) && record.resolution_time >= 0
    ? record.resolution_time
    : undefined;
  const placed = placeActions(view, actionNodes, facts, resolution, warnings);
  const recordRange = view.rangeOfOffsets(0, view.text.length);
  const diagnostics = problems.diagnostics ?? recordDiagnostics(view, problems.inDataset ?? view.format === 'jsonl', problems);
  // The model is shown in a webview and exported as Markdown: no credential from the record in it.
  return {
    uri: view.document.uri,
    version: view.document.version,
    format: view.format,
    recordIndex: view.span.index,
    recordCount,
    recordRange,
    header: shownDeep(header(record, resolution, placed)),
    actions: shownDeep(placed.actions),
    end: shownDeep(placed.end),
    warnings: shownDeep(warnings),
    // The rules' messages already never repeat a secret (and are not record text to mask).
    problems: timelineProblems(diagnostics, recordRange, placed.actions),
  };
}

interface Placed {
  readonly actions: TimelineAction[];
  readonly end?: TimelineEnd;
  readonly start?: string;
  readonly spanSeconds?: number;
}

/** Offsets, gaps and spacing of the actions, in record order; adds the timestamp warnings. */
function placeActions(
  view: RecordView,
  nodes: readonly JsonNode[],
  facts: readonly ActionFacts[],
  resolution: number | undefined,
  warnings: TimelineWarning[],
): Placed {
  const timed = facts.filter((f) => f.instant !== undefined);
  const startInstant = timed.length ? Math.min(...timed.map((f) => f.instant!)) : undefined;
  const start = facts.find((f) => f.instant === startInstant && f.instant !== undefined)?.timestamp;
  const spanSeconds = timed.length ? (Math.max(...timed.map((f) => f.instant!)) - startInstant!) / 1000 : undefined;

  // Gaps in record order, from the nearest earlier action with a valid time.
  const gaps: ({ seconds: number; fromIndex: number } | undefined)[] = [];
  let previous: number | undefined;
  facts.forEach((fact, index) => {
    gaps.push(fact.instant !== undefined && previous !== undefined ? { seconds: (fact.instant - facts[previous].instant!) / 1000, fromIndex: previous } : undefined);
    if (fact.instant !== undefined) {
      previous = index;
    }
  });
  // The wait from the latest action to the end of the resolution (none when the resolution ends before it).
  const endGap = resolution !== undefined && spanSeconds !== undefined ? resolution - spanSeconds : undefined;

  // One spacing pool: every gap before a timed entry, and the wait until the end of the resolution.
  const pool = gaps.flatMap((gap) => (gap ? [gap.seconds] : []));
  const spacers = spacersFor(endGap !== undefined && endGap > 0 ? [...pool, endGap] : pool);

  let next = 0;
  const actions = facts.map((fact, index): TimelineAction => {
    const gap = gaps[index];
    const offsetSeconds = fact.instant !== undefined ? (fact.instant - startInstant!) / 1000 : undefined;
    warnings.push(...timestampWarnings(fact, index, gap, facts));
    const spacer = gap ? spacers[next++] : undefined;
    return {
      index,
      type: fact.type,
      result: fact.result,
      resultText: fact.resultText,
      timestamp: fact.timestamp,
      clock: fact.instant !== undefined && start ? clockOf(fact.timestamp!, start) : undefined,
      offsetSeconds,
      offsetText: offsetSeconds === undefined ? undefined : formatOffset(offsetSeconds),
      gap: gap ? { seconds: gap.seconds, text: formatOffset(gap.seconds) ?? '', fromIndex: gap.fromIndex } : undefined,
      spacer,
      parameters: fact.parameters,
      hiddenParameters: fact.hiddenParameters,
      details: fact.details,
      error: fact.error,
      range: view.rangeOfOffsets(nodes[index].offset, nodes[index].offset + nodes[index].length),
    };
  });

  let end: TimelineEnd | undefined;
  if (resolution !== undefined && startInstant !== undefined) {
    end = { offsetSeconds: resolution, offsetText: formatOffset(resolution) ?? '', spacer: endGap !== undefined && endGap > 0 ? spacers[next] : undefined };
    if (spanSeconds !== undefined && resolution < spanSeconds) {
      warnings.push({ kind: 'resolutionShorterThanSpan', message: MESSAGES.resolutionShorterThanSpan(resolution, spanSeconds) });
    }
  }
  return { actions, end, start, spanSeconds };
}

function timestampWarnings(
  fact: ActionFacts,
  index: number,
  gap: { seconds: number; fromIndex: number } | undefined,
  facts: readonly ActionFacts[],
): TimelineWarning[] {
  if (!fact.hasTimestamp) {
    return [{ kind: 'missingTimestamp', actionIndex: index, message: MESSAGES.missingTimestamp(index, fact.type) }];
  }
  if (fact.instant === undefined) {
    return [{ kind: 'invalidTimestamp', actionIndex: index, message: MESSAGES.invalidTimestamp(index, fact.type) }];
  }
  if (gap && gap.seconds < 0) {
    return [{ kind: 'outOfOrder', actionIndex: index, message: MESSAGES.outOfOrder(index, fact.type, gap.fromIndex, facts[gap.fromIndex].type, -gap.seconds) }];
  }
  return [];
}

function header(record: Record<string, unknown>, resolution: number | undefined, placed: Placed): TimelineHeader {
  const incident = isObject(record.incident) ? record.incident : {};
  const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
  const counts: Record<TimelineResult, number> = { success: 0, failed: 0, partial_success: 0, unknown: 0 };
  for (const action of placed.actions) {
    counts[action.result]++;
  }
  return {
    title: text(incident.title),
    service: text(incident.service),
    severity: text(incident.severity),
    outcome: text(record.outcome),
    success: typeof record.success === 'boolean' ? record.success : undefined,
    resolutionSeconds: resolution,
    resolutionText: resolution === undefined ? undefined : formatDuration(resolution),
    start: placed.start,
    spanSeconds: placed.spanSeconds,
    spanText: placed.spanSeconds === undefined ? undefined : formatDuration(placed.spanSeconds),
    counts,
  };
}
