/**
 * The timeline model: one record's actions as a story in time, computed by the
 * core (`server/src/service/timeline/`), sent over LSP (`TimelineRequest`) and
 * drawn by the webview (`webview/timeline.ts`). Types only, so the webview
 * bundle can share it without pulling in any code.
 *
 * All texts here come from the record (untrusted): renderers show them as text.
 */
import type { Range } from 'vscode-languageserver-types';

/** An action's `result` as the preview draws it; `unknown` when absent or not in the schema's enum. */
export type TimelineResult = 'success' | 'failed' | 'partial_success' | 'unknown';

export interface TimelineModel {
  /** The document the record belongs to, and the version the model was computed from. */
  readonly uri: string;
  readonly version: number;
  readonly format: 'json' | 'jsonl';
  /** The record's index in the document (its line's record in JSON Lines) and how many records the document has. */
  readonly recordIndex: number;
  readonly recordCount: number;
  /** The record's text in the document, from its `{` to its `}`. */
  readonly recordRange: Range;
  readonly header: TimelineHeader;
  /** One entry per item of `actions_taken`, in record order. */
  readonly actions: readonly TimelineAction[];
  /** Where the axis ends, when the record says how long the resolution took. */
  readonly end?: TimelineEnd;
  /** Findings the preview shows inline: entries with `actionIndex` beside that action, the others under the header. */
  readonly warnings: readonly TimelineWarning[];
  /**
   * The record's problems (its diagnostics, with the configured severities,
   * whether or not the editor shows them all), in document order. Messages
   * never repeat a secret.
   */
  readonly problems: readonly TimelineProblem[];
}

/** One diagnostic of the record the timeline shows. */
export interface TimelineProblem {
  readonly code: string;
  readonly severity: 'error' | 'warning' | 'information' | 'hint';
  readonly message: string;
  /** Where it is in the document: revealed and selected when the problem is activated. */
  readonly range: Range;
  /** The action (index in `actions_taken`) the problem is inside, if any. */
  readonly actionIndex?: number;
}

export interface TimelineHeader {
  readonly title?: string;
  readonly service?: string;
  readonly severity?: string;
  readonly outcome?: string;
  readonly success?: boolean;
  /** `resolution_time` in seconds, and in human form (`41m 00s`). */
  readonly resolutionSeconds?: number;
  readonly resolutionText?: string;
  /** The earliest valid action timestamp as written: the start of the axis. */
  readonly start?: string;
  /** Seconds from the earliest to the latest timed action, and in human form. */
  readonly spanSeconds?: number;
  readonly spanText?: string;
  /** Actions per result, for the summary line and the legend. */
  readonly counts: Readonly<Record<TimelineResult, number>>;
}

/** A name and its value as display text (strings as written, other values as compact JSON). */
export interface TimelineField {
  readonly name: string;
  readonly value: string;
}

/**
 * Space drawn before an entry (or the end marker) on the axis, proportional to
 * the time since the previous timed action. Long gaps are compressed: drawn
 * shorter than their real length, with a break marker labelled by `text`.
 */
export interface TimelineSpacer {
  /** Real seconds (never negative: actions earlier than their predecessor get no space). */
  readonly seconds: number;
  /** Seconds to draw: equal to `seconds` unless `compressed`. */
  readonly drawnSeconds: number;
  readonly compressed: boolean;
  /** The real duration in human form (`2h 10m 00s`). */
  readonly text: string;
}

/** The time since the nearest earlier entry (in record order) that has a valid timestamp. */
export interface TimelineGap {
  /** Negative when this action is timestamped before that one (out of order). */
  readonly seconds: number;
  /** Human form with a sign: `+4m 12s`, `-1m 00s`. */
  readonly text: string;
  /** Index of the action the gap is measured from. */
  readonly fromIndex: number;
}

export interface TimelineAction {
  /** Index in `actions_taken`. */
  readonly index: number;
  /** The action type (`restart_pod`), when the record has one as a string. */
  readonly type?: string;
  readonly result: TimelineResult;
  /** `result` as written when it is not one of the known results (e.g. `"succeeded"`, `42`). */
  readonly resultText?: string;
  /** The timestamp as written, when it is a string. */
  readonly timestamp?: string;
  /** Wall-clock time as written (`03:52:40`), with its date when it differs from the start's date; only for valid timestamps. */
  readonly clock?: string;
  /** Seconds from the start of the axis, and in human form (`+4m 12s`); only for valid timestamps. */
  readonly offsetSeconds?: number;
  readonly offsetText?: string;
  readonly gap?: TimelineGap;
  /** Space before the entry; absent for the first entry and for entries without a valid timestamp. */
  readonly spacer?: TimelineSpacer;
  /** The first parameters in record order, and how many more there are. */
  readonly parameters: readonly TimelineField[];
  readonly hiddenParameters: number;
  /** Result-specific extra fields of the action (e.g. `output`, `freed_gb`). */
  readonly details: readonly TimelineField[];
  readonly error?: string;
  /** The action's object in the document: revealed and selected when the entry is activated. */
  readonly range: Range;
}

/** The end of the resolution: start + `resolution_time`. */
export interface TimelineEnd {
  readonly offsetSeconds: number;
  readonly offsetText: string;
  /** Space after the latest entry; absent when the resolution ends before the last action. */
  readonly spacer?: TimelineSpacer;
}

export type TimelineWarningKind =
  | 'syntax'
  | 'notAnObject'
  | 'noActions'
  | 'missingTimestamp'
  | 'invalidTimestamp'
  | 'outOfOrder'
  | 'resolutionShorterThanSpan';

export interface TimelineWarning {
  readonly kind: TimelineWarningKind;
  /** What is wrong and what to do, for people. */
  readonly message: string;
  readonly actionIndex?: number;
}
