/**
 * The outputs of `incident-records stats`: a summary for people (text), one
 * JSON object (json; its shape is `StatsReport`), or the dataset card
 * (markdown). Record text in the text output (services, severities, action
 * types) has its control characters replaced, so a hostile value cannot
 * drive the terminal; credentials were masked when the rows were made.
 */
import type { DatasetCharts, DatasetSummary } from '../../../common/dataset';
import { datasetCard } from '../service/dataset';
import { formatDuration } from '../service/util/durations';
import type { FileStats, StatsReport } from './stats';

const count = (n: number): string => n.toLocaleString('en-US');
const plural = (n: number, word: string): string => `${count(n)} ${word}${n === 1 ? '' : 's'}`;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const safe = (text: string): string => text.replace(CONTROL, '?');

/** At most this many entries per list in the text output (json has them all). */
const TOP = 8;

function mb(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KB` : plural(bytes, 'byte');
}

function summaryLines(summary: DatasetSummary, charts: DatasetCharts): string[] {
  const lines: string[] = [];
  const w = summary.recordsByWorst;
  lines.push(
    `  records with problems: ${count(summary.recordsWithProblems)} of ${count(summary.records)} (worst: ${count(w.error)} error, ${count(w.warning)} warning, ${count(w.information)} information, ${count(w.hint)} hint); ${plural(summary.problems, 'problem')} in all`,
  );
  const s = summary.success;
  lines.push(`  success: ${count(s.true)} true, ${count(s.false)} false${s.unknown ? `, ${count(s.unknown)} not stated` : ''}`);
  const services = Object.entries(summary.servicesBySeverity);
  if (services.length) {
    lines.push('  services × severity:');
    const width = Math.max(...services.map(([name]) => safe(name).length));
    for (const [service, bySeverity] of services) {
      const total = Object.values(bySeverity).reduce((a, b) => a + b, 0);
      const parts = Object.entries(bySeverity).map(([severity, n]) => `${safe(severity)} ${count(n)}`);
      lines.push(`    ${safe(service).padEnd(width)}  ${count(total).padStart(7)}  (${parts.join(', ')})`);
    }
  }
  if (summary.dateRange) {
    lines.push(`  incidents from ${safe(summary.dateRange.first)} to ${safe(summary.dateRange.last)}`);
  }
  if (charts.resolution.length) {
    lines.push(`  resolution time, median: ${charts.resolution.map((r) => `${safe(r.service)} ${formatDuration(r.medianSeconds)} (${count(r.count)})`).join(', ')}`);
  }
  if (charts.actions.length) {
    const byType = new Map<string, { used: number; success: number; known: number }>();
    for (const a of charts.actions) {
      const entry = byType.get(a.type) ?? { used: 0, success: 0, known: 0 };
      entry.used += a.used;
      entry.success += a.success;
      entry.known += a.success + a.failed + a.partial;
      byType.set(a.type, entry);
    }
    const top = [...byType.entries()].sort(([x, a], [y, b]) => b.used - a.used || x.localeCompare(y)).slice(0, TOP);
    lines.push(
      `  top action types: ${top.map(([type, a]) => `${safe(type)} ${count(a.used)}${a.known ? ` (${Math.round((100 * a.success) / a.known)}% success)` : ''}`).join(', ')}`,
    );
  }
  if (charts.codes.length) {
    lines.push('  problems by code:');
    for (const c of charts.codes) {
      lines.push(`    ${c.code} ${c.name} (${c.severity}): ${plural(c.count, 'problem')} in ${plural(c.records, 'record')}`);
    }
  }
  return lines;
}

function fileLines(file: FileStats): string[] {
  if (file.binary) {
    return [`${safe(file.path)}: looks binary (it contains NUL bytes), not read`];
  }
  return [`${safe(file.path)}: ${plural(file.summary.records, 'record')} (${mb(file.bytes)})`, ...summaryLines(file.summary, file.charts)];
}

export function formatStatsText(report: StatsReport): string {
  const lines = report.files.flatMap((f, i) => (i ? ['', ...fileLines(f)] : fileLines(f)));
  if (report.files.length > 1) {
    const { total } = report;
    lines.push('', `all ${plural(total.files, 'file')}: ${plural(total.summary.records, 'record')} (${mb(total.bytes)})`, ...summaryLines(total.summary, total.charts));
  }
  return lines.join('\n');
}

export function formatStatsJson(report: StatsReport): string {
  return JSON.stringify(report);
}

/** The dataset card of all inputs (named after the file when there is one). */
export function formatStatsMarkdown(report: StatsReport): string {
  const one = report.files.length === 1 ? report.files[0] : undefined;
  return datasetCard({
    name: one ? one.path : `${plural(report.files.length, 'file')}`,
    bytes: report.total.bytes,
    summary: report.total.summary,
    charts: report.total.charts,
    files: one ? undefined : report.files.map((f) => ({ path: f.path, records: f.summary.records })),
  }).trimEnd();
}
