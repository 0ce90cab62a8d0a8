/**
 * The dataset's aggregates (summary and charts), kept as counts that a row
 * adds to and subtracts from: an edit of one record costs the work of that
 * record, not of the dataset. Medians, distributions and the date range are
 * computed when asked for, from the per-service values kept, and cached
 * until the next change. The CLI feeds the same class record by record while
 * it streams a file (it never removes), so it keeps numbers, not texts.
 */
import type { ActionEffectiveness, CodeCount, DatasetCharts, DatasetSummary, ProblemSeverity, ResolutionDistribution, SuccessKey } from '../../../../common/dataset';
import { ruleInfo } from '../../../../common/diagnosticCodes';
import { NONE, RowFacts, RowProblem, SEVERITIES, SEVERITY_RANK, worstOf } from './rowFacts';

/** Bins of a resolution distribution, equal on a log₁₀ scale shared by every service. */
const RESOLUTION_BINS = 12;

type Counts = Map<string, number>;

function bump(map: Counts, key: string, by: number): void {
  const next = (map.get(key) ?? 0) + by;
  if (next === 0) {
    map.delete(key);
  } else {
    map.set(key, next);
  }
}

function bumpNested(map: Map<string, Counts>, outer: string, inner: string, by: number): void {
  let counts = map.get(outer);
  if (!counts) {
    counts = new Map();
    map.set(outer, counts);
  }
  bump(counts, inner, by);
  if (counts.size === 0) {
    map.delete(outer);
  }
}

interface ActionCounts {
  used: number;
  success: number;
  failed: number;
  partial: number;
  unknown: number;
}

/** Per code: problems by severity, and records with at least one. */
interface CodeEntry {
  readonly bySeverity: number[];
  records: number;
}

const successKey = (success: boolean | undefined): SuccessKey => (success === undefined ? 'unknown' : success ? 'true' : 'false');

/** The values of one service, unsorted; sorted on demand. */
class Values {
  private values: number[] = [];
  private sorted: Float64Array | undefined;

  add(value: number): void {
    this.values.push(value);
    this.sorted = undefined;
  }

  remove(value: number): void {
    const i = this.values.lastIndexOf(value);
    if (i >= 0) {
      this.values[i] = this.values[this.values.length - 1];
      this.values.pop();
      this.sorted = undefined;
    }
  }

  get size(): number {
    return this.values.length;
  }

  ascending(): Float64Array {
    return (this.sorted ??= Float64Array.from(this.values).sort());
  }
}

export function medianOf(sorted: ArrayLike<number>): number {
  const n = sorted.length;
  return n % 2 ? sorted[(n - 1) >> 1] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

export class DatasetAggregates {
  private records = 0;
  private withProblems = 0;
  private problems = 0;
  private readonly byWorst: Record<ProblemSeverity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  private readonly success: Record<SuccessKey, number> = { true: 0, false: 0, unknown: 0 };
  private readonly services = new Map<string, Counts>();
  private readonly resolution = new Map<string, Values>();
  /** service → action type → counts. */
  private readonly actions = new Map<string, Map<string, ActionCounts>>();
  private readonly codes = new Map<string, CodeEntry>();
  /** Incident instants by count, with the text first seen for each: min and max on demand. */
  private readonly instants = new Map<number, { text: string; count: number }>();
  private range: { first: string; last: string } | undefined | null = null;
  /** Append-only (the CLI): the earliest and latest incident only, not every instant. */
  private earliest: { instant: number; text: string } | undefined;
  private latest: { instant: number; text: string } | undefined;

  /** `appendOnly`: rows are only ever added (the CLI streaming a file), so less is kept. */
  constructor(private readonly options: { readonly appendOnly?: boolean } = {}) {}

  /** Adds (`by` = 1) or subtracts (`by` = -1) one row's contribution. */
  apply(facts: RowFacts, problems: readonly RowProblem[], by: 1 | -1): void {
    this.records += by;
    this.problems += by * problems.length;
    const worst = worstOf(problems);
    if (worst) {
      this.withProblems += by;
      this.byWorst[worst] += by;
    }
    this.success[successKey(facts.success)] += by;
    const service = facts.service ?? NONE;
    bumpNested(this.services, service, facts.severity ?? NONE, by);
    if (facts.resolutionSeconds !== undefined) {
      let values = this.resolution.get(service);
      if (!values) {
        values = new Values();
        this.resolution.set(service, values);
      }
      if (by > 0) {
        values.add(facts.resolutionSeconds);
      } else {
        values.remove(facts.resolutionSeconds);
        if (values.size === 0) {
          this.resolution.delete(service);
        }
      }
    }
    this.applyActions(service, facts, by);
    this.applyCodes(problems, by);
    if (facts.incidentInstant !== undefined && facts.incidentTime !== undefined && this.options.appendOnly) {
      const at = { instant: facts.incidentInstant, text: facts.incidentTime };
      if (!this.earliest || at.instant < this.earliest.instant) {
        this.earliest = at;
      }
      if (!this.latest || at.instant > this.latest.instant) {
        this.latest = at;
      }
    } else if (facts.incidentInstant !== undefined && facts.incidentTime !== undefined) {
      const entry = this.instants.get(facts.incidentInstant);
      if (by > 0) {
        if (entry) {
          entry.count++;
        } else {
          this.instants.set(facts.incidentInstant, { text: facts.incidentTime, count: 1 });
        }
      } else if (entry && --entry.count === 0) {
        this.instants.delete(facts.incidentInstant);
      }
      this.range = null;
    }
  }

  private applyActions(service: string, facts: RowFacts, by: 1 | -1): void {
    if (facts.actionTypes.length === 0) {
      return;
    }
    let byType = this.actions.get(service);
    if (!byType) {
      byType = new Map();
      this.actions.set(service, byType);
    }
    facts.actionTypes.forEach((rawType, i) => {
      const type = rawType || NONE;
      let counts = byType.get(type);
      if (!counts) {
        counts = { used: 0, success: 0, failed: 0, partial: 0, unknown: 0 };
        byType.set(type, counts);
      }
      counts.used += by;
      const result = facts.actionResults[i];
      if (result === 'success') {
        counts.success += by;
      } else if (result === 'failed') {
        counts.failed += by;
      } else if (result === 'partial_success') {
        counts.partial += by;
      } else {
        counts.unknown += by;
      }
      if (counts.used === 0) {
        byType.delete(type);
      }
    });
    if (byType.size === 0) {
      this.actions.delete(service);
    }
  }

  private applyCodes(problems: readonly RowProblem[], by: 1 | -1): void {
    let seen: Set<string> | undefined;
    for (const p of problems) {
      let entry = this.codes.get(p.code);
      if (!entry) {
        entry = { bySeverity: [0, 0, 0, 0], records: 0 };
        this.codes.set(p.code, entry);
      }
      entry.bySeverity[SEVERITY_RANK[p.severity]] += by;
      seen ??= new Set();
      if (!seen.has(p.code)) {
        seen.add(p.code);
        entry.records += by;
      }
      if (entry.records === 0 && entry.bySeverity.every((n) => n === 0)) {
        this.codes.delete(p.code);
      }
    }
  }

  /** Adds problems that belong to no record (a broken outer array): counted, but in no row. */
  applyOutside(problems: readonly RowProblem[], by: 1 | -1): void {
    this.problems += by * problems.length;
    for (const p of problems) {
      let entry = this.codes.get(p.code);
      if (!entry) {
        entry = { bySeverity: [0, 0, 0, 0], records: 0 };
        this.codes.set(p.code, entry);
      }
      entry.bySeverity[SEVERITY_RANK[p.severity]] += by;
      if (entry.records === 0 && entry.bySeverity.every((n) => n === 0)) {
        this.codes.delete(p.code);
      }
    }
  }

  private dateRange(): { first: string; last: string } | undefined {
    if (this.options.appendOnly) {
      return this.earliest && this.latest ? { first: this.earliest.text, last: this.latest.text } : undefined;
    }
    if (this.range === null) {
      let min = Infinity;
      let max = -Infinity;
      for (const instant of this.instants.keys()) {
        if (instant < min) {
          min = instant;
        }
        if (instant > max) {
          max = instant;
        }
      }
      this.range = this.instants.size ? { first: this.instants.get(min)!.text, last: this.instants.get(max)!.text } : undefined;
    }
    return this.range;
  }

  summary(): DatasetSummary {
    const servicesBySeverity: Record<string, Record<string, number>> = {};
    for (const service of [...this.services.keys()].sort()) {
      const bySeverity: Record<string, number> = {};
      for (const [severity, n] of [...this.services.get(service)!.entries()].sort(([a], [b]) => a.localeCompare(b))) {
        bySeverity[severity] = n;
      }
      servicesBySeverity[service] = bySeverity;
    }
    const dateRange = this.dateRange();
    return {
      records: this.records,
      recordsWithProblems: this.withProblems,
      recordsByWorst: { ...this.byWorst },
      problems: this.problems,
      success: { ...this.success },
      servicesBySeverity,
      ...(dateRange ? { dateRange: { ...dateRange } } : {}),
    };
  }

  charts(): DatasetCharts {
    return { resolution: this.resolutionCharts(), actions: this.actionCharts(), codes: this.codeCounts() };
  }

  private resolutionCharts(): ResolutionDistribution[] {
    const services = [...this.resolution.keys()].sort();
    let min = Infinity;
    let max = 0;
    for (const service of services) {
      const sorted = this.resolution.get(service)!.ascending();
      min = Math.min(min, sorted[0]);
      max = Math.max(max, sorted[sorted.length - 1]);
    }
    // One scale for every service, whole decades, from at least one second.
    const from = 10 ** Math.floor(Math.log10(Math.max(1, min)));
    const to = Math.max(from * 10, 10 ** Math.ceil(Math.log10(Math.max(1, max))));
    const span = Math.log10(to) - Math.log10(from);
    return services.map((service) => {
      const sorted = this.resolution.get(service)!.ascending();
      const bins: number[] = new Array(RESOLUTION_BINS).fill(0);
      for (const value of sorted) {
        const position = value <= from ? 0 : (Math.log10(value) - Math.log10(from)) / span;
        bins[Math.min(RESOLUTION_BINS - 1, Math.max(0, Math.floor(position * RESOLUTION_BINS)))]++;
      }
      return {
        service,
        count: sorted.length,
        minSeconds: sorted[0],
        medianSeconds: medianOf(sorted),
        maxSeconds: sorted[sorted.length - 1],
        binsFromSeconds: from,
        binsToSeconds: to,
        bins,
      };
    });
  }

  /** By uses, most used first; ties by service and type. */
  private actionCharts(): ActionEffectiveness[] {
    const out: ActionEffectiveness[] = [];
    for (const [service, byType] of this.actions) {
      for (const [type, c] of byType) {
        out.push({ service, type, used: c.used, success: c.success, failed: c.failed, partial: c.partial, unknown: c.unknown });
      }
    }
    return out.sort((a, b) => b.used - a.used || a.service.localeCompare(b.service) || a.type.localeCompare(b.type));
  }

  /** Most severe first, then most frequent. */
  private codeCounts(): CodeCount[] {
    const out: CodeCount[] = [];
    for (const [code, entry] of this.codes) {
      const rank = entry.bySeverity.findIndex((n) => n > 0);
      out.push({
        code,
        name: ruleInfo(code)?.name ?? code,
        severity: SEVERITIES[Math.max(0, rank)],
        count: entry.bySeverity.reduce((a, b) => a + b, 0),
        records: entry.records,
      });
    }
    return out.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || b.count - a.count || a.code.localeCompare(b.code));
  }
}
