/**
 * Problem groups: the document's diagnostics counted by code and message
 * pattern, so a systematic mistake reads as one line with a count. Counts
 * are kept incrementally as rows come and go; the first occurrence of each
 * group is found when asked for (the model scans its rows in order) or, for
 * the CLI, which only adds, remembered as it is met.
 */
import type { Range } from 'vscode-languageserver-types';
import type { ProblemGroup } from '../../../../common/dataset';
import { messagePattern } from './problemPatterns';
import { RowProblem, SEVERITIES, SEVERITY_RANK } from './rowFacts';

interface GroupEntry {
  readonly code: string;
  readonly pattern: string;
  readonly bySeverity: number[];
  count: number;
  records: number;
  first?: { readonly index: number; readonly range: Range };
}

export const groupKey = (problem: RowProblem): string => `${problem.code}\u0000${messagePattern(problem.message)}`;

export class ProblemGroups {
  private readonly groups = new Map<string, GroupEntry>();

  /** `appendOnly`: rows are only added (the CLI), so the first occurrence is the first one added. */
  constructor(private readonly options: { readonly appendOnly?: boolean } = {}) {}

  get size(): number {
    return this.groups.size;
  }

  /** Adds or subtracts the problems of record `index` (-1: outside any record). */
  apply(index: number, problems: readonly RowProblem[], by: 1 | -1): void {
    let seen: Set<string> | undefined;
    for (const p of problems) {
      const key = groupKey(p);
      let entry = this.groups.get(key);
      if (!entry) {
        if (by < 0) {
          continue;
        }
        entry = { code: p.code, pattern: messagePattern(p.message), bySeverity: [0, 0, 0, 0], count: 0, records: 0 };
        this.groups.set(key, entry);
      }
      entry.count += by;
      entry.bySeverity[SEVERITY_RANK[p.severity]] += by;
      if (this.options.appendOnly && !entry.first) {
        entry.first = { index, range: p.range };
      }
      if (index >= 0) {
        seen ??= new Set();
        if (!seen.has(key)) {
          seen.add(key);
          entry.records += by;
        }
      }
      if (entry.count <= 0) {
        this.groups.delete(key);
      }
    }
  }

  /** Keys of every group. */
  keys(): IterableIterator<string> {
    return this.groups.keys();
  }

  /**
   * The groups, most frequent first (ties: most severe, then code and
   * pattern). `firstOf` finds the first occurrences when they are not kept.
   */
  list(firstOf?: () => ReadonlyMap<string, { readonly index: number; readonly range: Range }>): ProblemGroup[] {
    const firsts = this.options.appendOnly ? undefined : firstOf?.();
    const out: ProblemGroup[] = [];
    for (const [key, entry] of this.groups) {
      const first = entry.first ?? firsts?.get(key);
      if (!first) {
        continue;
      }
      const rank = entry.bySeverity.findIndex((n) => n > 0);
      out.push({ code: entry.code, severity: SEVERITIES[Math.max(0, rank)], pattern: entry.pattern, count: entry.count, records: entry.records, first });
    }
    return out.sort(
      (a, b) => b.count - a.count || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.code.localeCompare(b.code) || a.pattern.localeCompare(b.pattern),
    );
  }
}
