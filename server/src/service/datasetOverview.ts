/**
 * The dataset overview: what a reviewer wants to know about a whole dataset
 * at a glance, from the per-record results the server already keeps.
 */
import type { Diagnostic, Position } from 'vscode-languageserver-types';
import { DatasetOverview, OVERVIEW_RECORD_LIMIT, OverviewProblem, OverviewRecord } from '../../../common/protocol';
import { ruleInfo } from '../../../common/diagnosticCodes';
import { RecordStore } from './incremental/recordStore';
import { shownText } from './util/text';

/** Titles and values come from records: the overview shows them with credentials masked. */
const shownTitle = (title: string | undefined): string | undefined => (title === undefined ? undefined : shownText(title));

const SEVERITY_NAMES = ['error', 'error', 'warning', 'information', 'hint'] as const;

function increment(map: Record<string, number>, key: string): void {
  map[key] = (map[key] ?? 0) + 1;
}

/**
 * Summarises a fully checked store. `diagnostics` are the document's
 * diagnostics as published (severities from the configuration applied), each
 * with `data.recordIndex`.
 */
export function datasetOverview(uri: string, store: RecordStore, diagnostics: readonly Diagnostic[], positionAt: (offset: number) => Position): DatasetOverview {
  const byService: Record<string, number> = Object.create(null);
  const bySeverity: Record<string, number> = Object.create(null);
  const bySuccess: Record<string, number> = Object.create(null);
  for (let i = 0; i < store.size; i++) {
    const summary = store.result(i)?.summary;
    increment(byService, shownText(summary?.service ?? '(none)'));
    increment(bySeverity, shownText(summary?.severity ?? '(none)'));
    increment(bySuccess, summary?.success === undefined ? 'unknown' : String(summary.success));
  }
  const byCode = new Map<string, { count: number; severity: number; records: OverviewRecord[]; seen: Set<number> }>();
  const withProblems = new Set<number>();
  for (const d of diagnostics) {
    const code = String(d.code);
    const index = (d.data as { recordIndex?: number } | undefined)?.recordIndex ?? -1;
    let entry = byCode.get(code);
    if (!entry) {
      entry = { count: 0, severity: d.severity ?? 1, records: [], seen: new Set() };
      byCode.set(code, entry);
    }
    entry.count++;
    if (index >= 0) {
      withProblems.add(index);
      if (!entry.seen.has(index)) {
        entry.seen.add(index);
        if (entry.records.length < OVERVIEW_RECORD_LIMIT) {
          entry.records.push({ index, line: positionAt(store.start(index)).line, title: shownTitle(store.result(index)?.summary?.title), range: d.range });
        }
      }
    }
  }
  const problems: OverviewProblem[] = [...byCode.entries()]
    .sort(([a, x], [b, y]) => x.severity - y.severity || y.count - x.count || a.localeCompare(b))
    .map(([code, entry]) => ({
      code,
      name: ruleInfo(code)?.name ?? code,
      severity: SEVERITY_NAMES[entry.severity] ?? 'error',
      count: entry.count,
      records: entry.records,
    }));
  return { uri, records: store.size, recordsWithProblems: withProblems.size, byService, bySeverity, bySuccess, problems };
}
