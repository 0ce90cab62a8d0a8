/**
 * The dataset card: a Markdown page describing a dataset, for a README, a
 * data-review ticket or a model card (the CLI's `stats --format markdown`
 * and the editor's "Copy Dataset Card as Markdown"). Record text (services,
 * severities, action types) is escaped for a table cell, so a hostile value
 * cannot break the table, start a link or become HTML; credentials were
 * masked when the rows were made.
 */
import type { DatasetCharts, DatasetSummary, ProblemSeverity } from '../../../../common/dataset';
import { formatDuration } from '../util/durations';
import { markdownCell } from '../timeline/timelineMarkdown';

export interface DatasetCardInput {
  /** What the dataset is called (its file name). */
  readonly name?: string;
  /** Its size in bytes, when known. */
  readonly bytes?: number;
  readonly summary: DatasetSummary;
  readonly charts: DatasetCharts;
  /** The files the dataset is made of, when more than one. */
  readonly files?: readonly { readonly path: string; readonly records: number }[];
}

/** Control characters of record text (a terminal escape, a line separator) are dropped from cells too. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const cell = (text: string): string => markdownCell(text.replace(CONTROL, ' ')) || '—';
/** Action types of the catalogue read as code; anything else is escaped text. */
const codeCell = (text: string): string => (/^[A-Za-z0-9_.-]+$/.test(text) ? `\`${text}\`` : cell(text));
const count = (n: number): string => n.toLocaleString('en-US');
const percent = (part: number, whole: number): string => (whole > 0 ? `${((100 * part) / whole).toFixed(1)}%` : '—');

function bytesText(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${count(bytes)} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [`| ${header.join(' | ')} |`, `| ${header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

/** Incident severities in the seed's order, then any others found, then `(none)`. */
function severityColumns(summary: DatasetSummary): string[] {
  const seen = new Set<string>();
  for (const bySeverity of Object.values(summary.servicesBySeverity)) {
    Object.keys(bySeverity).forEach((s) => seen.add(s));
  }
  const known = ['critical', 'high', 'medium', 'low'].filter((s) => seen.has(s));
  const others = [...seen].filter((s) => !known.includes(s) && s !== '(none)').sort();
  return [...known, ...others, ...(seen.has('(none)') ? ['(none)'] : [])];
}

function servicesSection(summary: DatasetSummary): string[] {
  const services = Object.keys(summary.servicesBySeverity);
  if (services.length === 0) {
    return [];
  }
  const columns = severityColumns(summary);
  const rows = services.map((service) => {
    const bySeverity = summary.servicesBySeverity[service];
    const total = Object.values(bySeverity).reduce((a, b) => a + b, 0);
    return [cell(service), ...columns.map((c) => count(bySeverity[c] ?? 0)), count(total)];
  });
  return ['## Services and severities', '', ...table(['Service', ...columns.map(cell), 'Records'], rows), ''];
}

function outcomeSection(summary: DatasetSummary): string[] {
  const { true: succeeded, false: failed, unknown } = summary.success;
  const rows = [
    ['Succeeded (`success: true`)', count(succeeded), percent(succeeded, summary.records)],
    ['Failed (`success: false`)', count(failed), percent(failed, summary.records)],
  ];
  if (unknown > 0) {
    rows.push(['Not stated', count(unknown), percent(unknown, summary.records)]);
  }
  return ['## Outcomes', '', 'Failed resolutions are the negative examples the agent learns from.', '', ...table(['Outcome', 'Records', 'Share'], rows), ''];
}

function resolutionSection(charts: DatasetCharts): string[] {
  if (charts.resolution.length === 0) {
    return [];
  }
  const human = (s: number) => formatDuration(s) ?? '—';
  const rows = charts.resolution.map((r) => [cell(r.service), count(r.count), human(r.medianSeconds), human(r.minSeconds), human(r.maxSeconds)]);
  return ['## Resolution time', '', ...table(['Service', 'Records', 'Median', 'Fastest', 'Slowest'], rows), ''];
}

/** At most this many action rows: the card is a summary, the JSON output has them all. */
const MAX_ACTION_ROWS = 40;

function actionsSection(charts: DatasetCharts): string[] {
  if (charts.actions.length === 0) {
    return [];
  }
  const rows = charts.actions.slice(0, MAX_ACTION_ROWS).map((a) => {
    const known = a.success + a.failed + a.partial;
    return [codeCell(a.type), cell(a.service), count(a.used), percent(a.success, known), count(a.failed), count(a.partial)];
  });
  const more = charts.actions.length > MAX_ACTION_ROWS ? ['', `…and ${count(charts.actions.length - MAX_ACTION_ROWS)} more action types.`] : [];
  return ['## Action effectiveness', '', ...table(['Action', 'Service', 'Uses', 'Success rate', 'Failed', 'Partial'], rows), ...more, ''];
}

const SEVERITY_TEXT: Readonly<Record<ProblemSeverity, string>> = { error: 'error', warning: 'warning', information: 'information', hint: 'hint' };

function problemsSection(summary: DatasetSummary, charts: DatasetCharts): string[] {
  if (charts.codes.length === 0) {
    return ['## Open problems', '', 'None: every record passes every check.', ''];
  }
  const rows = charts.codes.map((c) => [`\`${c.code}\``, cell(c.name), SEVERITY_TEXT[c.severity], count(c.count), count(c.records)]);
  return [
    '## Open problems',
    '',
    `${count(summary.problems)} problem${summary.problems === 1 ? '' : 's'} in ${count(summary.recordsWithProblems)} record${summary.recordsWithProblems === 1 ? '' : 's'} (from \`incident-records lint\`).`,
    '',
    ...table(['Code', 'Rule', 'Severity', 'Problems', 'Records'], rows),
    '',
  ];
}

/** The dataset card as Markdown. */
export function datasetCard(input: DatasetCardInput): string {
  const { summary, charts } = input;
  const facts = [`- **Records:** ${count(summary.records)}${input.bytes !== undefined ? ` (${bytesText(input.bytes)})` : ''}`];
  if (summary.dateRange) {
    facts.push(`- **Incidents from:** ${cell(summary.dateRange.first)} **to** ${cell(summary.dateRange.last)}`);
  }
  const w = summary.recordsByWorst;
  facts.push(
    `- **Records with problems:** ${count(summary.recordsWithProblems)} (${percent(summary.recordsWithProblems, summary.records)}): ${count(w.error)} with errors, ${count(w.warning)} with warnings at worst, ${count(w.information + w.hint)} with notes only`,
  );
  const files = input.files && input.files.length > 1 ? ['## Files', '', ...table(['File', 'Records'], input.files.map((f) => [cell(f.path), count(f.records)])), ''] : [];
  const lines = [
    `# Dataset card${input.name ? `: ${cell(input.name)}` : ''}`,
    '',
    ...facts,
    '',
    ...files,
    ...servicesSection(summary),
    ...outcomeSection(summary),
    ...resolutionSection(charts),
    ...actionsSection(charts),
    ...problemsSection(summary, charts),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}
