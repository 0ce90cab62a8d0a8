/**
 * A stand-in for the language server's dataset view, for the webview tests
 * and screenshots: deterministic, realistic rows across the five services,
 * and the same filter, sort, page and aggregate semantics as
 * `DatasetViewRequest`. Plus `serve`, which answers what the webview posts
 * the way the extension does.
 */
import type {
  ActionEffectiveness,
  CodeCount,
  DatasetFilter,
  DatasetRow,
  DatasetSortKey,
  DatasetView,
  ProblemGroup,
  ProblemSeverity,
  ResolutionDistribution,
} from '../../common/dataset';
import { datasetQueryKey, DatasetQuery, FromDatasetWebviewMessage, ToDatasetWebviewMessage } from '../../common/datasetMessages';
import type { WebviewPage } from './harness';

export type DatasetWebviewPage = WebviewPage<FromDatasetWebviewMessage, ToDatasetWebviewMessage>;

const SERVICES = ['airflow', 'database', 'spark', 'kubernetes', 'disk'] as const;
const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
const TITLES: Record<string, readonly string[]> = {
  airflow: ['DAG {} stuck in running after worker OOM', 'Scheduler heartbeat lost, {} tasks queued', 'Task {} failed on upstream timeout'],
  database: ['Connection pool {} exhausted during batch load', 'Replica lag on {} above 10 minutes', 'Deadlocks on {} after index change'],
  spark: ['Executor OOM in job {}', 'Shuffle fetch failures in {}', 'Skewed partition stalls stage of {}'],
  kubernetes: ['Pod {} CrashLoopBackOff after deploy', 'OOMKilled pods in namespace {}', 'ImagePullBackOff for {}'],
  disk: ['/var/log full on {}', 'Inode exhaustion on {}', 'Docker overlay filling {}'],
};
const ACTIONS: Record<string, readonly string[]> = {
  airflow: ['clear_dag_run', 'restart_airflow_worker', 'mark_task_success', 'kill_process'],
  database: ['scale_connection_pool', 'kill_idle_connections', 'restart_database', 'failover_replica'],
  spark: ['kill_spark_application', 'increase_executor_memory', 'repartition_data', 'restart_spark_job'],
  kubernetes: ['restart_pod', 'update_resource_limits', 'scale_deployment', 'rollback_deployment'],
  disk: ['clean_disk_space', 'rotate_logs', 'expand_volume', 'kill_process'],
};
const CODES: Record<string, { name: string; severity: ProblemSeverity; pattern: string; services?: readonly string[] }> = {
  IR001: { name: 'syntax', severity: 'error', pattern: 'Line … is not valid JSON: …' },
  IR102: { name: 'airflow-task-context', severity: 'warning', pattern: 'An airflow record should say …', services: ['airflow'] },
  IR113: { name: 'db-connection-string-missing', severity: 'warning', pattern: 'No connection_string: …', services: ['database'] },
  IR124: { name: 'spark-metrics', severity: 'information', pattern: 'Spark record lacks …', services: ['spark'] },
  IR132: { name: 'k8s-resources', severity: 'warning', pattern: 'A kubernetes record should give …', services: ['kubernetes'] },
  IR142: { name: 'disk-growth', severity: 'information', pattern: 'A disk record should give …', services: ['disk'] },
  IR162: { name: 'parameter-name', severity: 'hint', pattern: 'Parameter … is an alias of …' },
  IR201: { name: 'failure-analysis-missing', severity: 'error', pattern: 'success is false but learning_feedback.failure_analysis is missing' },
  IR205: { name: 'resolution-time-mismatch', severity: 'warning', pattern: 'resolution_time (…) is shorter than the … from the first to the last action' },
};
const RANK: Record<ProblemSeverity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function human(seconds: number): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ${pad(seconds % 60)}s`;
  return `${Math.floor(seconds / 3600)}h ${pad(Math.floor((seconds % 3600) / 60))}m`;
}

interface FakeRecord {
  readonly row: DatasetRow;
  readonly actionResults: readonly { type: string; result: 'success' | 'failed' | 'partial' | 'unknown' }[];
  readonly problems: readonly string[];
}

export class FakeDataset {
  readonly records: FakeRecord[] = [];
  version = 1;

  constructor(
    readonly size: number,
    readonly uri = 'file:///workspace/data/incidents.incidents.jsonl',
    seed = 7,
    mutate?: (row: DatasetRow, index: number) => DatasetRow,
  ) {
    const rnd = random(seed);
    const start = Date.UTC(2024, 0, 2, 3, 0, 0);
    for (let i = 0; i < size; i++) {
      const service = SERVICES[Math.floor(rnd() * rnd() * 5 + rnd() * 2) % 5];
      const severity = SEVERITIES[Math.min(3, Math.floor(rnd() * 4.2))];
      const s = rnd();
      const success = s < 0.68 ? true : s < 0.93 ? false : undefined;
      const resolution = Math.round(60 * Math.exp(rnd() * 4.5 + (service === 'spark' ? 1 : service === 'disk' ? -0.3 : 0.4)));
      const actions = 1 + Math.floor(rnd() * 5);
      const actionResults = Array.from({ length: actions }, (_, k) => {
        const r = rnd();
        const result = k === actions - 1 && success ? 'success' : r < 0.55 ? 'success' : r < 0.8 ? 'failed' : r < 0.95 ? 'partial' : 'unknown';
        return { type: ACTIONS[service][Math.floor(rnd() * rnd() * 4)], result } as const;
      });
      const broken = i % 487 === 13;
      const problems: string[] = [];
      if (broken) problems.push('IR001');
      else {
        for (const [code, info] of Object.entries(CODES)) {
          if (info.services && !info.services.includes(service)) continue;
          const p = code === 'IR201' ? (success === false ? 0.35 : 0) : code === 'IR162' ? 0.2 : code === 'IR205' ? 0.05 : code === 'IR001' ? 0 : 0.3;
          if (rnd() < p) problems.push(code);
        }
        if (problems.includes('IR162') && rnd() < 0.5) problems.push('IR162');
      }
      const codes = [...new Set(problems)].sort();
      const worst = codes.map((c) => CODES[c].severity).sort((a, b) => RANK[a] - RANK[b])[0];
      const when = new Date(start + i * 4 * 3600_000 + Math.floor(rnd() * 3600_000)).toISOString().replace(/\.\d+Z$/, 'Z');
      const target = `${service === 'kubernetes' ? 'checkout' : service}-${100 + Math.floor(rnd() * 900)}`;
      const title = TITLES[service][Math.floor(rnd() * 3)].replace('{}', target);
      const line = i;
      let row: DatasetRow = broken
        ? { index: i, line, range: { start: { line, character: 0 }, end: { line, character: 120 } }, actions: 0, problems: 1, worst: 'error', codes: ['IR001'], broken: true }
        : {
            index: i,
            line,
            range: { start: { line, character: 0 }, end: { line, character: 900 } },
            title,
            service,
            severity,
            success,
            resolutionSeconds: resolution,
            resolutionText: human(resolution),
            actions,
            firstActionTime: when,
            problems: problems.length,
            worst,
            codes,
          };
      if (mutate) row = mutate(row, i);
      this.records.push({ row, actionResults: broken ? [] : actionResults, problems: broken ? ['IR001'] : problems });
    }
  }

  private matches(r: DatasetRow, f: DatasetFilter): boolean {
    const inList = (list: readonly string[] | undefined, v: string | undefined) => !list?.length || list.includes(v ?? '(none)');
    const successKey = r.success === undefined ? 'unknown' : String(r.success);
    if (!inList(f.services, r.service) || !inList(f.severities, r.severity) || !inList(f.success, successKey)) return false;
    if (f.codes?.length && !f.codes.some((c) => r.codes.includes(c))) return false;
    if (f.worst === 'none' && r.problems > 0) return false;
    if (f.worst && f.worst !== 'none' && (!r.worst || RANK[r.worst] > RANK[f.worst])) return false;
    if (f.text && !(r.title ?? '').toLowerCase().includes(f.text.trim().toLowerCase())) return false;
    return true;
  }

  rows(query: DatasetQuery): DatasetRow[] {
    const key: DatasetSortKey = query.sort.key;
    const pick = (r: DatasetRow): string | number | undefined =>
      ({ line: r.line, title: r.title, service: r.service, severity: r.severity, success: r.success === undefined ? undefined : Number(r.success), resolution: r.resolutionSeconds, actions: r.actions, firstAction: r.firstActionTime, problems: r.problems })[key];
    const rows = this.records.map((r) => r.row).filter((r) => this.matches(r, query.filter));
    const sign = query.sort.descending ? -1 : 1;
    return rows.sort((a, b) => {
      const x = pick(a);
      const y = pick(b);
      if (x === y) return a.line - b.line;
      if (x === undefined) return 1;
      if (y === undefined) return -1;
      return (x < y ? -1 : 1) * sign;
    });
  }

  view(query: DatasetQuery, offset: number, limit: number, rowsOnly = false): DatasetView {
    const rows = this.rows(query);
    const page = rows.slice(offset, offset + Math.min(limit, 500));
    const base = { uri: this.uri, version: this.version, format: 'jsonl' as const, complete: true, matching: rows.length, offset, rows: page };
    return rowsOnly ? base : { ...base, ...this.aggregates() };
  }

  aggregates(): Pick<DatasetView, 'summary' | 'charts' | 'groups'> {
    const rows = this.records.map((r) => r.row);
    const recordsByWorst = { error: 0, warning: 0, information: 0, hint: 0 };
    const success = { true: 0, false: 0, unknown: 0 };
    const servicesBySeverity: Record<string, Record<string, number>> = {};
    let problems = 0;
    for (const r of rows) {
      if (r.worst) recordsByWorst[r.worst]++;
      success[r.success === undefined ? 'unknown' : r.success ? 'true' : 'false']++;
      const s = (servicesBySeverity[r.service ?? '(none)'] ??= {});
      s[r.severity ?? '(none)'] = (s[r.severity ?? '(none)'] ?? 0) + 1;
      problems += r.problems;
    }
    const times = rows.map((r) => r.firstActionTime).filter((t): t is string => !!t).sort();
    const resolution: ResolutionDistribution[] = SERVICES.map((service) => {
      const secs = rows.filter((r) => r.service === service && r.resolutionSeconds !== undefined).map((r) => r.resolutionSeconds!).sort((a, b) => a - b);
      const from = 60;
      const to = 2 * 86400;
      const bins = new Array(16).fill(0);
      for (const s of secs) bins[Math.min(15, Math.max(0, Math.floor(((Math.log10(s) - Math.log10(from)) / (Math.log10(to) - Math.log10(from))) * 16)))]++;
      return { service, count: secs.length, minSeconds: secs[0] ?? 0, medianSeconds: secs[Math.floor(secs.length / 2)] ?? 0, maxSeconds: secs.at(-1) ?? 0, binsFromSeconds: from, binsToSeconds: to, bins };
    });
    const actions = new Map<string, { -readonly [K in keyof ActionEffectiveness]: ActionEffectiveness[K] }>();
    for (const rec of this.records) {
      for (const a of rec.actionResults) {
        const key = `${rec.row.service}\u0000${a.type}`;
        const e = actions.get(key) ?? { service: rec.row.service!, type: a.type, used: 0, success: 0, failed: 0, partial: 0, unknown: 0 };
        e.used++;
        e[a.result]++;
        actions.set(key, e);
      }
    }
    const codes: CodeCount[] = Object.entries(CODES)
      .map(([code, info]) => ({
        code,
        name: info.name,
        severity: info.severity,
        count: this.records.reduce((n, r) => n + r.problems.filter((p) => p === code).length, 0),
        records: this.records.filter((r) => r.problems.includes(code)).length,
      }))
      .filter((c) => c.count > 0);
    const groups: ProblemGroup[] = codes
      .map((c) => {
        const first = this.records.find((r) => r.problems.includes(c.code))!.row;
        return { code: c.code, severity: c.severity, pattern: CODES[c.code].pattern, count: c.count, records: c.records, first: { index: first.index, range: first.range } };
      })
      .sort((a, b) => b.count - a.count);
    return {
      summary: { records: rows.length, recordsWithProblems: rows.filter((r) => r.problems > 0).length, recordsByWorst, problems, success, servicesBySeverity, dateRange: times.length ? { first: times[0], last: times.at(-1)! } : undefined },
      charts: { resolution, actions: [...actions.values()], codes },
      groups,
    };
  }
}

/** What the fake extension answered, for assertions. */
export interface Server {
  readonly queries: Extract<FromDatasetWebviewMessage, { type: 'query' }>[];
  readonly others: FromDatasetWebviewMessage[];
  /** Waits until no message is left unanswered. */
  idle(): Promise<void>;
  stop(): void;
}

/** What answers the webview's queries: the fake, or the real language server. */
export interface DatasetBackend {
  readonly uri: string;
  view(query: DatasetQuery, offset: number, limit: number, rowsOnly?: boolean): DatasetView | Promise<DatasetView>;
}

/** Answers the webview's `ready` and `query` messages as the extension does (aggregates on `ready`, rows only after). */
export function serve(view: DatasetWebviewPage, data: DatasetBackend, name = 'incidents.incidents.jsonl'): Server {
  let seen = 0;
  let stopped = false;
  let busy: Promise<void> = Promise.resolve();
  const queries: Server['queries'] = [];
  const others: FromDatasetWebviewMessage[] = [];
  const defaultQuery: DatasetQuery = { filter: {}, sort: { key: 'line' } };
  const pump = async () => {
    const posted = await view.posted().catch(() => [] as FromDatasetWebviewMessage[]);
    if (posted.length < seen) seen = 0; // reloaded
    for (const message of posted.slice(seen)) {
      seen++;
      if (message.type === 'ready') {
        const query = message.query ?? defaultQuery;
        await view.send({ type: 'dataset', uri: data.uri, name, key: datasetQueryKey(query), view: await data.view(query, message.offset ?? 0, message.limit ?? 200) });
      } else if (message.type === 'query') {
        queries.push(message);
        await view.send({ type: 'dataset', uri: data.uri, name, key: message.key, view: await data.view(message.query, message.offset, message.limit, true) });
      } else {
        others.push(message);
      }
    }
  };
  // One pump at a time, so that no message is answered twice.
  const next = () => (busy = busy.then(pump).catch(() => undefined));
  const loop = async () => {
    while (!stopped) {
      await next();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  void loop();
  return {
    queries,
    others,
    idle: async () => {
      await new Promise((resolve) => setTimeout(resolve, 120));
      await next();
    },
    stop: () => {
      stopped = true;
    },
  };
}
