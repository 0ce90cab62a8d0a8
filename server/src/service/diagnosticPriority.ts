/**
 * Which diagnostics to publish when a document has more than the client
 * shows. VS Code keeps at most 1,000 markers per file and drops the rest by
 * severity, so on a noisy dataset the Problems panel ends a few hundred
 * records in and a syntax error typed further down is never underlined. The
 * server publishes at most the client's limit itself, most useful first:
 *
 * 1. syntax errors (IR001), secrets (IR301, IR112) and the product's own
 *    notes about the file (IR000) — always;
 * 2. those in the ranges on screen, then those near them (within a screen's
 *    height), nearest first;
 * 3. the rest by severity, then in document order.
 *
 * Ties are broken by position, then by order in the input, so the choice is
 * deterministic. The result keeps the input's order. Pure: no LSP transport.
 */
import { Diagnostic, DiagnosticSeverity, Range } from 'vscode-languageserver-types';
import { RULES } from '../../../common/diagnosticCodes';

/** VS Code's marker limit per file (`incidentRecords.limits.maxPublishedDiagnostics` by default). */
export const DEFAULT_MAX_PUBLISHED_DIAGNOSTICS = 1000;

/** Diagnostics published whatever else there is: what makes a file unreadable or leaks a credential, and the notes about how it was checked. */
export const ALWAYS_PUBLISHED_CODES: ReadonlySet<string> = new Set(['IR000', 'IR001', 'IR112', ...RULES.filter((r) => r.family === 'secret').map((r) => r.code)]);

/** Lines around a visible range that count as near it: its own height, at least this many. */
const MIN_NEAR_LINES = 20;
const FAR = Number.MAX_SAFE_INTEGER;

function isAlways(diagnostic: Diagnostic): boolean {
  return ALWAYS_PUBLISHED_CODES.has(String(diagnostic.code));
}

/** 0 inside a visible range, the lines to the nearest one when near it, `FAR` otherwise. */
function distance(range: Range, visible: readonly Range[]): number {
  let best = FAR;
  for (const v of visible) {
    const margin = Math.max(MIN_NEAR_LINES, v.end.line - v.start.line);
    const d = range.end.line < v.start.line ? v.start.line - range.end.line : range.start.line > v.end.line ? range.start.line - v.end.line : 0;
    if (d <= margin && d < best) {
      best = d;
    }
  }
  return best;
}

function severityOf(diagnostic: Diagnostic): number {
  return diagnostic.severity ?? DiagnosticSeverity.Error;
}

/**
 * At most `limit` of `diagnostics` (all of them when there are not more, or
 * when `limit` is 0: no limit), chosen as the module comment says, in their
 * input order. `visible`: the ranges of the document on screen (none known:
 * empty).
 */
export function prioritiseDiagnostics(diagnostics: readonly Diagnostic[], limit: number, visible: readonly Range[] = []): Diagnostic[] {
  if (limit <= 0 || diagnostics.length <= limit) {
    return diagnostics.slice();
  }
  const n = diagnostics.length;
  const dist = new Float64Array(n);
  const always: number[] = [];
  const near: number[] = [];
  const rest: number[][] = [[], [], [], [], []];
  for (let i = 0; i < n; i++) {
    const d = diagnostics[i];
    dist[i] = visible.length ? distance(d.range, visible) : FAR;
    if (isAlways(d)) {
      always.push(i);
    } else if (dist[i] !== FAR) {
      near.push(i);
    } else {
      rest[Math.min(4, Math.max(1, severityOf(d)))].push(i);
    }
  }
  const byPlace = (a: number, b: number): number => {
    const ra = diagnostics[a].range.start;
    const rb = diagnostics[b].range.start;
    return ra.line - rb.line || ra.character - rb.character || a - b;
  };
  const byNearness = (a: number, b: number): number => dist[a] - dist[b] || severityOf(diagnostics[a]) - severityOf(diagnostics[b]) || byPlace(a, b);

  const chosen = new Uint8Array(n);
  let count = 0;
  const take = (list: readonly number[]): void => {
    for (const i of list) {
      if (count >= limit) {
        return;
      }
      chosen[i] = 1;
      count++;
    }
  };
  if (always.length > limit - count) {
    always.sort(byNearness);
  }
  take(always);
  near.sort(byNearness);
  take(near);
  for (const bucket of rest) {
    if (count >= limit) {
      break;
    }
    // The input is in record order already; sorting is needed only when the bucket is cut.
    take(bucket.length > limit - count ? bucket.sort(byPlace) : bucket);
  }
  const out: Diagnostic[] = new Array(count);
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (chosen[i]) {
      out[k++] = diagnostics[i];
    }
  }
  return out;
}

/** Diagnostics per severity (undefined severities count as errors, as clients show them). */
export function severityCounts(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const d of diagnostics) {
    const s = severityOf(d);
    if (s === DiagnosticSeverity.Error) {
      errors++;
    } else if (s === DiagnosticSeverity.Warning) {
      warnings++;
    }
  }
  return { errors, warnings };
}

/** At most this many visible ranges are kept per document (an editor shows a few: folded regions split them). */
const MAX_VISIBLE_RANGES = 64;

function isPosition(value: unknown): value is { line: number; character: number } {
  const p = value as { line?: unknown; character?: unknown } | null;
  return !!p && typeof p === 'object' && Number.isInteger(p.line) && Number.isInteger(p.character) && (p.line as number) >= 0 && (p.character as number) >= 0;
}

/** The document and ranges of an `incidentRecords/visibleRanges` notification, or undefined when it is malformed (it comes from the client). */
export function visibleRangesOf(params: unknown): { uri: string; ranges: Range[] } | undefined {
  const p = params as { textDocument?: { uri?: unknown }; ranges?: unknown } | null;
  if (!p || typeof p !== 'object' || typeof p.textDocument?.uri !== 'string' || !Array.isArray(p.ranges)) {
    return undefined;
  }
  const ranges = p.ranges
    .slice(0, MAX_VISIBLE_RANGES)
    .filter((r): r is Range => !!r && typeof r === 'object' && isPosition((r as Range).start) && isPosition((r as Range).end))
    .map((r) => ({ start: { line: r.start.line, character: r.start.character }, end: { line: r.end.line, character: r.end.character } }));
  return { uri: p.textDocument.uri, ranges };
}
