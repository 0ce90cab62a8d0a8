/**
 * The dataset's pictures, as inline SVG made with DOM calls (no library: no
 * eval, nothing fetched, colours from the theme by CSS class). Each picture
 * is an image with a title and a description for screen readers, and comes
 * with the same numbers as a table that is visually hidden until the
 * keyboard enters it; a click on a bar (or that table's button) filters the
 * records table.
 */
import type { ActionEffectiveness, CodeCount, DatasetCharts, DatasetFilter, DatasetSummary, ResolutionDistribution } from '../../common/dataset';
import { decoration, el, text } from '../dom';
import { count, duration, percent, PROBLEM_LABELS, severityClass, severityOrder } from './format';
import { svg, svgText, svgTitle } from './svg';

export type FilterChange = Partial<Pick<DatasetFilter, 'services' | 'severities' | 'codes'>>;
type OnFilter = (change: FilterChange) => void;

const WIDTH = 600;
const LABEL = 120;
const RIGHT = 110;
const BAR = WIDTH - LABEL - RIGHT;
/** The actions picture labels its bars with action types, which are longer than service names. */
const ACTION_LABEL = 190;
const ACTION_BAR = WIDTH - ACTION_LABEL - RIGHT;

interface Datum {
  readonly cells: readonly string[];
  readonly action: string;
  readonly change: FilterChange;
}

let figures = 0;

function figure(title: string, description: string, picture: SVGSVGElement, columns: readonly string[], data: readonly Datum[], onFilter: OnFilter, legend?: HTMLElement): HTMLElement {
  const id = `chart-${++figures}`;
  picture.setAttribute('role', 'img');
  picture.setAttribute('aria-labelledby', `${id}-title ${id}-desc`);
  picture.prepend(svgTitle(title), svg('desc', { id: `${id}-desc` }));
  picture.querySelector('title')!.id = `${id}-title`;
  picture.querySelector('desc')!.textContent = description;
  const head = el('tr', '', ...columns.map((c) => text('th', '', c)), text('th', '', 'Filter'));
  const rows = data.map((d) => {
    const button = text('button', 'chart-filter', d.action);
    button.type = 'button';
    button.addEventListener('click', () => onFilter(d.change));
    return el('tr', '', ...d.cells.map((c) => text('td', '', c)), el('td', '', button));
  });
  const table = el('table', 'chart-data', text('caption', '', `${title} (data)`), el('thead', '', head), el('tbody', '', ...rows));
  const node = el('figure', 'chart', text('figcaption', 'chart-title', title), picture, legend, table);
  node.setAttribute('aria-labelledby', `${id}-caption`);
  node.querySelector('figcaption')!.id = `${id}-caption`;
  return node;
}

/** A clickable shape: the mouse filters with it; keyboard and screen readers use the data table's button. */
function hit<T extends SVGElement>(node: T, tooltip: string, change: FilterChange, onFilter: OnFilter): T {
  node.classList.add('hit');
  node.append(svgTitle(tooltip));
  node.addEventListener('click', () => onFilter(change));
  return node;
}

function legend(items: readonly { label: string; className: string }[]): HTMLElement {
  const list = el('ul', 'chart-legend', ...items.map((i) => el('li', '', decoration('span', `swatch ${i.className}`, '■'), i.label)));
  list.setAttribute('aria-hidden', 'true');
  return list;
}

function picture(height: number): SVGSVGElement {
  return svg('svg', { viewBox: `0 0 ${WIDTH} ${height}`, width: WIDTH, height, class: 'chart-svg' });
}

/** Records per service, each bar split by the records' severity. */
export function servicesChart(summary: DatasetSummary, onFilter: OnFilter): HTMLElement {
  const services = Object.entries(summary.servicesBySeverity)
    .map(([service, bySeverity]) => ({ service, bySeverity, total: Object.values(bySeverity).reduce((a, b) => a + b, 0) }))
    .sort((a, b) => b.total - a.total || a.service.localeCompare(b.service));
  const severities = severityOrder(services.flatMap((s) => Object.keys(s.bySeverity)));
  const max = Math.max(1, ...services.map((s) => s.total));
  const rowH = 24;
  const node = picture(services.length * rowH + 4);
  const data: Datum[] = [];
  services.forEach((s, i) => {
    const y = i * rowH + 2;
    node.append(hit(svgText(s.service, { x: LABEL - 8, y: y + 15, class: 'label end' }), `${s.service}: ${count(s.total)} records`, { services: [s.service] }, onFilter));
    let x = LABEL;
    for (const severity of severities) {
      const n = s.bySeverity[severity] ?? 0;
      if (!n) continue;
      const w = (n / max) * BAR;
      const change = { services: [s.service], severities: [severity] };
      node.append(hit(svg('rect', { x, y, width: Math.max(1, w), height: rowH - 6, class: `bar ${severityClass(severity)}` }), `${s.service}, ${severity}: ${count(n)} records`, change, onFilter));
      data.push({ cells: [s.service, severity, count(n)], action: `Show ${s.service} ${severity}`, change });
      x += w;
    }
    node.append(svgText(count(s.total), { x: x + 6, y: y + 15, class: 'value' }));
  });
  const description = services.map((s) => `${s.service} ${count(s.total)}`).join(', ');
  return figure('Records per service, by severity', `Records per service: ${description || 'none'}.`, node, ['Service', 'Severity', 'Records'], data, onFilter, legend(severities.map((s) => ({ label: s, className: severityClass(s) }))));
}

const TICKS = [1, 10, 60, 600, 3600, 36000, 86400, 864000];

function log(seconds: number): number {
  return Math.log10(Math.max(1, seconds));
}

/** Resolution times per service on a log scale: a histogram strip per service with its median marked. */
export function resolutionChart(distributions: readonly ResolutionDistribution[], onFilter: OnFilter): HTMLElement {
  const shown = distributions.filter((d) => d.count > 0);
  const from = log(Math.min(...shown.map((d) => d.binsFromSeconds), 60));
  const to = Math.max(from + 1, log(Math.max(...shown.map((d) => d.binsToSeconds), 3600)));
  const xOf = (seconds: number) => LABEL + ((log(seconds) - from) / (to - from)) * BAR;
  const rowH = 34;
  const axisY = shown.length * rowH + 4;
  const node = picture(axisY + 22);
  const data: Datum[] = [];
  shown.forEach((d, i) => {
    const y = i * rowH + 4;
    const change = { services: [d.service] };
    const tooltip = `${d.service}: ${count(d.count)} records, median ${duration(d.medianSeconds)}, from ${duration(d.minSeconds)} to ${duration(d.maxSeconds)}`;
    const group = svg('g', { class: 'strip' }, svg('rect', { x: LABEL, y, width: BAR, height: rowH - 8, class: 'strip-back' }));
    const peak = Math.max(1, ...d.bins);
    const step = (log(d.binsToSeconds) - log(d.binsFromSeconds)) / Math.max(1, d.bins.length);
    d.bins.forEach((n, b) => {
      if (!n) return;
      const x0 = xOf(10 ** (log(d.binsFromSeconds) + b * step));
      const x1 = xOf(10 ** (log(d.binsFromSeconds) + (b + 1) * step));
      const h = (n / peak) * (rowH - 10);
      group.append(svg('rect', { x: x0, y: y + rowH - 8 - h, width: Math.max(1, x1 - x0 - 1), height: h, class: 'bin' }));
    });
    const mx = xOf(d.medianSeconds);
    group.append(svg('line', { x1: mx, x2: mx, y1: y - 2, y2: y + rowH - 6, class: 'median' }));
    node.append(hit(group, tooltip, change, onFilter));
    node.append(svgText(d.service, { x: LABEL - 8, y: y + 16, class: 'label end' }));
    node.append(svgText(`median ${duration(d.medianSeconds)}`, { x: WIDTH - RIGHT + 6, y: y + 16, class: 'value' }));
    data.push({ cells: [d.service, count(d.count), duration(d.minSeconds), duration(d.medianSeconds), duration(d.maxSeconds)], action: `Show ${d.service}`, change });
  });
  node.append(svg('line', { x1: LABEL, x2: LABEL + BAR, y1: axisY, y2: axisY, class: 'axis' }));
  for (const tick of TICKS) {
    if (log(tick) < from - 1e-9 || log(tick) > to + 1e-9) continue;
    const x = xOf(tick);
    node.append(svg('line', { x1: x, x2: x, y1: axisY, y2: axisY + 4, class: 'axis' }), svgText(duration(tick).replace(/ 00[smh]$/, ''), { x, y: axisY + 16, class: 'tick middle' }));
  }
  const description = shown.map((d) => `${d.service} median ${duration(d.medianSeconds)} (${count(d.count)} records)`).join(', ');
  return figure('Resolution time per service (log scale, median marked)', `Resolution times: ${description || 'none recorded'}.`, node, ['Service', 'Records', 'Fastest', 'Median', 'Slowest'], data, onFilter);
}

const RESULT_PARTS = [
  { key: 'success', label: 'success', className: 'res-success' },
  { key: 'partial', label: 'partial success', className: 'res-partial' },
  { key: 'failed', label: 'failed', className: 'res-failed' },
  { key: 'unknown', label: 'no result', className: 'res-unknown' },
] as const;

/** Per service, its most used action types: uses as the bar's length, split by result. */
export function actionsChart(actions: readonly ActionEffectiveness[], onFilter: OnFilter, perService = 5): HTMLElement {
  const byService = new Map<string, ActionEffectiveness[]>();
  for (const a of actions) byService.set(a.service, [...(byService.get(a.service) ?? []), a]);
  const max = Math.max(1, ...actions.map((a) => a.used));
  const rowH = 20;
  const rows: ({ service: string } | ActionEffectiveness)[] = [];
  for (const [service, list] of [...byService].sort(([a], [b]) => a.localeCompare(b))) {
    rows.push({ service }, ...[...list].sort((a, b) => b.used - a.used || a.type.localeCompare(b.type)).slice(0, perService));
  }
  const node = picture(rows.length * rowH + 4);
  const data: Datum[] = [];
  rows.forEach((r, i) => {
    const y = i * rowH + 2;
    if (!('type' in r)) {
      node.append(hit(svgText(r.service, { x: 4, y: y + 14, class: 'label group' }), `Show ${r.service} records`, { services: [r.service] }, onFilter));
      return;
    }
    const change = { services: [r.service] };
    const rate = percent(r.success, r.used);
    node.append(svgText(r.type, { x: ACTION_LABEL - 8, y: y + 14, class: 'label end mono' }));
    let x = ACTION_LABEL;
    for (const part of RESULT_PARTS) {
      const n = r[part.key];
      if (!n) continue;
      const w = (n / max) * ACTION_BAR;
      node.append(hit(svg('rect', { x, y: y + 2, width: Math.max(1, w), height: rowH - 6, class: `bar ${part.className}` }), `${r.service} ${r.type}: ${count(n)} ${part.label} of ${count(r.used)} uses`, change, onFilter));
      x += w;
    }
    node.append(svgText(`${count(r.used)} · ${rate} ok`, { x: x + 6, y: y + 14, class: 'value' }));
    data.push({ cells: [r.service, r.type, count(r.used), rate, count(r.failed), count(r.partial)], action: `Show ${r.service}`, change });
  });
  return figure(
    'Action types by uses and success rate, per service',
    `The ${perService} most used action types of each service, by uses, split by result.`,
    node,
    ['Service', 'Action', 'Uses', 'Success rate', 'Failed', 'Partial'],
    data,
    onFilter,
    legend(RESULT_PARTS.map((p) => ({ label: p.label, className: p.className }))),
  );
}

/** Problems per code, most frequent first, coloured by severity. */
export function codesChart(codes: readonly CodeCount[], onFilter: OnFilter, limit = 15): HTMLElement {
  const shown = [...codes].sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)).slice(0, limit);
  const max = Math.max(1, ...shown.map((c) => c.count));
  const rowH = 22;
  const node = picture(Math.max(1, shown.length) * rowH + 4);
  const data: Datum[] = [];
  shown.forEach((c, i) => {
    const y = i * rowH + 2;
    const change = { codes: [c.code] };
    const w = (c.count / max) * BAR;
    node.append(svgText(c.code, { x: LABEL - 8, y: y + 14, class: 'label end mono' }));
    node.append(hit(svg('rect', { x: LABEL, y: y + 2, width: Math.max(1, w), height: rowH - 6, class: `bar worst-${c.severity}` }), `${c.code} ${c.name} (${PROBLEM_LABELS[c.severity].label}): ${count(c.count)} problems in ${count(c.records)} records`, change, onFilter));
    node.append(svgText(`${count(c.count)} in ${count(c.records)}`, { x: LABEL + w + 6, y: y + 14, class: 'value' }));
    data.push({ cells: [c.code, c.name, PROBLEM_LABELS[c.severity].label, count(c.count), count(c.records)], action: `Show ${c.code}`, change });
  });
  if (!shown.length) node.append(svgText('No problems.', { x: LABEL, y: 16, class: 'value' }));
  const more = codes.length > shown.length ? ` (the ${limit} most frequent of ${codes.length} codes)` : '';
  return figure(
    `Problems per code${more}`,
    `Problems per code: ${shown.map((c) => `${c.code} ${count(c.count)}`).join(', ') || 'none'}.`,
    node,
    ['Code', 'Name', 'Severity', 'Problems', 'Records'],
    data,
    onFilter,
  );
}

export function renderCharts(summary: DatasetSummary, charts: DatasetCharts | undefined, onFilter: OnFilter): HTMLElement {
  figures = 0;
  const parts = [servicesChart(summary, onFilter)];
  if (charts) {
    parts.push(resolutionChart(charts.resolution, onFilter), actionsChart(charts.actions, onFilter), codesChart(charts.codes, onFilter));
  }
  const section = el('section', 'charts', ...parts);
  section.setAttribute('aria-label', 'Pictures of the dataset');
  return section;
}
