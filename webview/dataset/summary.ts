/**
 * The dataset view's header (name, problem navigation, copy card), the
 * summary (records, problems by worst severity, success, services ×
 * severity, date range) and the list of problem groups.
 */
import type { DatasetProblem, DatasetSummary, DatasetView, ProblemGroup } from '../../common/dataset';
import { decoration, el, text } from '../dom';
import { count, percent, plural, PROBLEM_LABELS, PROBLEM_SEVERITIES, severityClass, severityOrder, SUCCESS_KEYS, SUCCESS_LABELS } from './format';

export interface HeaderActions {
  onProblem(direction: 'next' | 'previous'): void;
  onCopyCard(): void;
}

function button(label: string, className: string, title: string, onClick: () => void): HTMLButtonElement {
  const node = text('button', className, label);
  node.type = 'button';
  node.title = title;
  node.addEventListener('click', onClick);
  return node;
}

export function renderHeader(name: string, view: DatasetView, actions: HeaderActions, status: HTMLElement): HTMLElement {
  const records = view.summary?.records;
  const notes: HTMLElement[] = [];
  if (!view.complete) {
    notes.push(text('p', 'note', 'The first check of this dataset is still running: the counts grow as records are checked.'));
  }
  if (view.format === 'json' && records === 1) {
    notes.push(text('p', 'note', 'This file holds a single record. The dataset view is made for JSON Lines datasets and JSON arrays of records; the timeline preview shows one record in depth.'));
  }
  return el(
    'header',
    'header',
    el(
      'div',
      'toolbar',
      text('h1', 'title', `Dataset: ${name}`),
      el(
        'div',
        'actions',
        button('◀ Previous problem', 'secondary previous-problem', 'Go to the previous problem of the whole dataset, in the editor', () => actions.onProblem('previous')),
        button('Next problem ▶', 'secondary next-problem', 'Go to the next problem of the whole dataset, in the editor', () => actions.onProblem('next')),
        button('Copy dataset card', 'secondary copy-card', 'Copy the dataset card (summary, services, problems) as Markdown', actions.onCopyCard),
      ),
    ),
    status,
    ...notes,
  );
}

export function problemStatus(problem: DatasetProblem | null): string {
  if (!problem) {
    return 'No problems in this dataset.';
  }
  return `Problem ${count(problem.ordinal)} of ${count(problem.total)}, record ${count(problem.index + 1)}: ${problem.code} (${PROBLEM_LABELS[problem.severity].label}) ${problem.message}`;
}

function tile(name: string, value: string, className: string, ...detail: (Node | string | undefined)[]): HTMLElement {
  return el('div', `tile ${className}`, text('dt', 'tile-name', name), el('dd', 'tile-value', text('span', 'big', value), ...detail.filter((d): d is Node | string => d !== undefined)));
}

function parts(items: readonly (readonly [string, number, string])[]): HTMLElement {
  return el('span', 'tile-detail', ...items.filter(([, n]) => n > 0).map(([label, n, className]) => text('span', `part ${className}`, `${label} ${count(n)}`)));
}

function servicesTable(summary: DatasetSummary): HTMLElement {
  const services = Object.keys(summary.servicesBySeverity).sort();
  const severities = severityOrder(services.flatMap((s) => Object.keys(summary.servicesBySeverity[s])));
  const head = el('tr', '', text('th', '', 'Service'), ...severities.map((s) => el('th', 'num', el('span', `severity ${severityClass(s)}`, decoration('span', 'swatch', '●'), s))), text('th', 'num', 'Total'));
  head.querySelectorAll('th').forEach((th) => th.setAttribute('scope', 'col'));
  const rows = services.map((service) => {
    const by = summary.servicesBySeverity[service];
    const total = Object.values(by).reduce((a, b) => a + b, 0);
    const th = text('th', '', service);
    th.setAttribute('scope', 'row');
    return el('tr', '', th, ...severities.map((s) => text('td', 'num', by[s] ? count(by[s]) : '—')), text('td', 'num total', count(total)));
  });
  return el('table', 'services-table', text('caption', '', 'Records per service and severity'), el('thead', '', head), el('tbody', '', ...rows));
}

export function renderSummary(summary: DatasetSummary): HTMLElement {
  const worst = PROBLEM_SEVERITIES.map((s) => [`${PROBLEM_LABELS[s].icon} ${PROBLEM_LABELS[s].plural}`, summary.recordsByWorst[s] ?? 0, `worst-${s}`] as const);
  const success = SUCCESS_KEYS.map((k) => [SUCCESS_LABELS[k], summary.success[k] ?? 0, `success-${k}`] as const);
  const tiles = el(
    'dl',
    'tiles',
    tile('Records', count(summary.records), 'records'),
    tile('Records with problems', count(summary.recordsWithProblems), 'with-problems', ` (${percent(summary.recordsWithProblems, summary.records)}), by worst: `, parts(worst)),
    tile('Problems', count(summary.problems), 'problems'),
    tile('Success', `${percent(summary.success.true ?? 0, summary.records)} succeeded`, 'success', parts(success)),
    summary.dateRange ? tile('Incidents from', summary.dateRange.first, 'dates', el('span', 'tile-detail', 'to ', text('span', 'mono', summary.dateRange.last))) : tile('Incidents from', '—', 'dates', ' no first action times'),
  );
  const section = el('section', 'summary', text('h2', '', 'Summary'), tiles, servicesTable(summary));
  section.setAttribute('aria-label', 'Summary');
  return section;
}

export interface GroupActions {
  onFilterCode(code: string): void;
  onGoTo(group: ProblemGroup): void;
}

const GROUP_LIMIT = 100;

export function renderGroups(groups: readonly ProblemGroup[], actions: GroupActions, showAll = false): HTMLElement {
  const section = el('section', 'groups', text('h2', '', `Problems (${plural(groups.length, 'group')})`));
  if (!groups.length) {
    section.append(text('p', 'none', 'No problems: every record passes every check.'));
    return section;
  }
  const shown = showAll ? groups : groups.slice(0, GROUP_LIMIT);
  const items = shown.map((g) => {
    const label = PROBLEM_LABELS[g.severity];
    const filter = el('button', 'group-filter', decoration('span', `problem-icon worst-${g.severity}`, label.icon), text('code', 'code', g.code), text('span', 'pattern', g.pattern));
    filter.type = 'button';
    filter.title = `Show only the records with ${g.code} (${label.label})`;
    filter.setAttribute('aria-label', `${g.code} (${label.label}): ${g.pattern} — ${plural(g.count, 'problem')} in ${plural(g.records, 'record')}. Filter the table by ${g.code}.`);
    filter.addEventListener('click', () => actions.onFilterCode(g.code));
    const first = button('Go to first', 'link go-first', `Select the first ${g.code} of this kind in the editor (record ${g.first.index + 1})`, () => actions.onGoTo(g));
    return el('li', `group worst-${g.severity}`, filter, text('span', 'group-count', `${count(g.count)} × in ${plural(g.records, 'record')}`), first);
  });
  const list = el('ul', 'group-list', ...items);
  section.append(list);
  if (shown.length < groups.length) {
    const more = button(`Show all ${count(groups.length)} groups`, 'link more-groups', 'List every problem group', () => section.replaceWith(renderGroups(groups, actions, true)));
    section.append(more);
  }
  return section;
}
