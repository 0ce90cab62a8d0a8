/**
 * Fix all: applies every safe fix of a document (no placeholder to fill, no
 * choice to make), in passes. Each pass checks the text, takes the safe fix
 * of each diagnostic, applies those that do not overlap, and makes sure every
 * record it touched still parses; the next pass picks up what overlapped or
 * what an earlier fix made fixable. It stops when a pass finds nothing, so
 * running fix-all on its own result changes nothing.
 *
 * Only records that parse are touched: in JSON Lines a broken line stays as
 * it is while the others are fixed; a JSON file whose outer array is broken
 * is left alone.
 */
import { SeverityResolver, checkDocument, defaultSeverities } from '../documentChecker';
import { DocumentFormat, DocumentLayout } from '../parsing/recordSpans';
import type { ActionCatalog } from '../catalog';
import { RecordCheckOptions, RecordResult, checkRecord } from '../recordChecker';
import { Fix } from './fixTypes';
import { layoutOf } from '../recordDocument';
import { renderPlain } from './template';
import { EditComposer, Replacement, applyReplacements } from './editComposer';
import { RecordSources, fixesFor } from './recordFixes';

export interface FixAllOptions {
  /** Severity per code for this file; codes turned `off` are not fixed. */
  readonly severityOf?: SeverityResolver;
  readonly now?: number;
  readonly maxPasses?: number;
  /** The action catalogue with the configuration's own action types. */
  readonly catalog?: ActionCatalog;
  /** Fix only the problems of this code ("Fix all IR162 problems in this file"). */
  readonly only?: string;
}

export interface FixAllResult {
  /** The fixed text. */
  readonly text: string;
  /** The changes as edits on the original text (sorted, not overlapping). */
  readonly edits: readonly Replacement[];
  /** How many fixes were applied. */
  readonly applied: number;
  /** How many fixes were applied per code, for the summary. */
  readonly byCode: Readonly<Record<string, number>>;
}

const MAX_PASSES = 8;

interface Candidate {
  readonly record: number;
  readonly code: string;
  readonly replacements: readonly Replacement[];
}

/** The problems of the records to look at in a pass. */
type Checked = readonly Pick<RecordResult, 'index' | 'problems'>[];

/** How many problems of each code a record has. */
function countByCode(problems: readonly { code: string }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const p of problems) {
    counts.set(p.code, (counts.get(p.code) ?? 0) + 1);
  }
  return counts;
}

/**
 * A fix is safe only if the record has no more problems of any other code
 * after it than before: a service fix that makes twenty actions foreign, an
 * action type that leaves the record's families, a value of the wrong type
 * under a renamed key, is not applied without asking (it stays a quick fix).
 * Hints are suggestions, not problems: a fixed action type whose parameters
 * use the tools' names (IR162) is still a better record.
 */
export function keepsRecordAsGood(
  recordText: string,
  fix: Fix,
  code: string,
  before: readonly { code: string }[],
  options: RecordCheckOptions,
  severityOf: SeverityResolver = defaultSeverities,
): boolean {
  const replacements = fix.changes.map((c) => ({ start: c.start, end: c.end, text: renderPlain(c.template) })).sort((a, b) => a.start - b.start);
  const after = checkRecord(applyReplacements(recordText, replacements), 0, options).problems;
  const was = countByCode(before);
  for (const [other, count] of countByCode(after)) {
    const severity = severityOf(other);
    if (other !== code && severity !== 'hint' && severity !== 'off' && count > (was.get(other) ?? 0)) {
      return false;
    }
  }
  return true;
}

/** The safe fix of every reported problem, as absolute replacements; `only` limits it to one code. */
function safeCandidates(text: string, layout: DocumentLayout, records: Checked, severityOf: SeverityResolver, check: RecordCheckOptions, only?: string): Candidate[] {
  const sources = new RecordSources(text, layout);
  const candidates: Candidate[] = [];
  for (const result of records) {
    for (const problem of result.problems) {
      if (severityOf(problem.code) === 'off' || (only !== undefined && problem.code !== only)) {
        continue;
      }
      const { fixes, src } = fixesFor(sources, problem.code, problem.data);
      const fix = fixes.find((f) => f.safe);
      if (fix && src && keepsRecordAsGood(src.text, fix, problem.code, result.problems, check, severityOf)) {
        const base = src.span.start;
        const replacements = fix.changes
          .map((c) => ({ start: base + c.start, end: base + c.end, text: renderPlain(c.template) }))
          .sort((a, b) => a.start - b.start);
        candidates.push({ record: result.index, code: problem.code, replacements });
      }
    }
  }
  return candidates;
}

/** Keeps the candidates that neither overlap nor touch an earlier one (the rest wait for the next pass). */
function nonOverlapping(candidates: readonly Candidate[]): Candidate[] {
  const taken: Replacement[] = [];
  const accepted: Candidate[] = [];
  const sorted = [...candidates].sort((a, b) => a.replacements[0].start - b.replacements[0].start);
  for (const candidate of sorted) {
    const clash = candidate.replacements.some((r) => taken.some((t) => r.start <= t.end && t.start <= r.end));
    if (!clash) {
      taken.push(...candidate.replacements);
      accepted.push(candidate);
    }
  }
  return accepted;
}

/** Whether every touched record of the new text parses, and the document still has as many records. */
function stillParses(before: DocumentLayout, layout: DocumentLayout, next: string, touched: ReadonlySet<number>): boolean {
  if (layout.spans.length !== before.spans.length || layout.brokenArray) {
    return false;
  }
  for (const index of touched) {
    const span = layout.spans[index];
    try {
      JSON.parse(next.slice(span.start, span.end));
    } catch {
      return false;
    }
  }
  return true;
}

/** How far a fix-all has come: records looked at in the current pass (the first pass looks at every record). */
export interface FixAllProgress {
  readonly pass: number;
  readonly done: number;
  readonly total: number;
}

/** A check of the document already done (the server keeps one per open document), so fix-all need not check it again. */
export interface FirstCheck {
  readonly layout: DocumentLayout;
  readonly records: Checked;
}

/** Records looked at between two progress reports. */
const PROGRESS_EVERY = 250;

/**
 * Every safe fix, as steps: yields its progress between batches of records
 * and returns the result. The first pass looks at the whole document; later
 * passes re-check only the records that had fixes (a fix never changes
 * another record, and the dataset rules have no fixes).
 */
function* fixAllSteps(text: string, format: DocumentFormat, options: FixAllOptions, firstCheck?: FirstCheck): Generator<FixAllProgress, FixAllResult> {
  const severityOf = options.severityOf ?? defaultSeverities;
  const now = options.now ?? Date.now();
  let first = firstCheck;
  if (!first) {
    const checked = checkDocument(text, format, { now, catalog: options.catalog });
    if (checked.documentProblems.length > 0 || checked.layout.brokenArray) {
      return { text, edits: [], applied: 0, byCode: {} };
    }
    first = { layout: checked.layout, records: checked.records };
  } else if (first.layout.brokenArray) {
    return { text, edits: [], applied: 0, byCode: {} };
  }
  const composer = new EditComposer(text);
  const inDataset = first.layout.shape !== 'single';
  let layout = first.layout;
  let records: Checked = first.records;
  let applied = 0;
  const byCode: Record<string, number> = {};
  const check: RecordCheckOptions = { inDataset, now, catalog: options.catalog };
  for (let pass = 0; pass < (options.maxPasses ?? MAX_PASSES); pass++) {
    const current = composer.current;
    const candidates: Candidate[] = [];
    for (let i = 0; i < records.length; i += PROGRESS_EVERY) {
      candidates.push(...safeCandidates(current, layout, records.slice(i, i + PROGRESS_EVERY), severityOf, check, options.only));
      yield { pass, done: Math.min(i + PROGRESS_EVERY, records.length), total: records.length };
    }
    const accepted = nonOverlapping(candidates);
    if (accepted.length === 0) {
      break;
    }
    const replacements = accepted.flatMap((c) => c.replacements).sort((a, b) => a.start - b.start);
    const next = applyReplacements(current, replacements);
    const nextLayout = layoutOf(next, format);
    if (next === current || !stillParses(layout, nextLayout, next, new Set(accepted.map((c) => c.record)))) {
      break;
    }
    composer.apply(replacements);
    applied += accepted.length;
    for (const c of accepted) {
      byCode[c.code] = (byCode[c.code] ?? 0) + 1;
    }
    layout = nextLayout;
    const recheck = [...new Set(candidates.map((c) => c.record))].sort((a, b) => a - b);
    records = recheck.map((index) => checkRecord(next.slice(layout.spans[index].start, layout.spans[index].end), index, check));
  }
  return { text: composer.current, edits: composer.edits(), applied, byCode };
}

/** Applies every safe fix of a document at once. */
export function fixAll(text: string, format: DocumentFormat, options: FixAllOptions = {}): FixAllResult {
  const steps = fixAllSteps(text, format, options);
  for (;;) {
    const step = steps.next();
    if (step.done) {
      return step.value;
    }
  }
}

export interface FixAllRun {
  /** The document's check, when the caller has one for this text. */
  readonly firstCheck?: FirstCheck;
  readonly onProgress?: (progress: FixAllProgress) => void;
  /** Gives the event loop a turn between batches (the server answers other requests meanwhile). */
  readonly pause: () => Promise<void>;
  /** Stops early; the result is then undefined. */
  readonly cancelled?: () => boolean;
}

/** Applies every safe fix of a document in batches, reporting progress: for a large dataset in the editor. */
export async function fixAllInSteps(text: string, format: DocumentFormat, options: FixAllOptions, run: FixAllRun): Promise<FixAllResult | undefined> {
  const steps = fixAllSteps(text, format, options, run.firstCheck);
  for (;;) {
    const step = steps.next();
    if (step.done) {
      return step.value;
    }
    run.onProgress?.(step.value);
    await run.pause();
    if (run.cancelled?.()) {
      return undefined;
    }
  }
}
