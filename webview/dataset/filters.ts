/**
 * The table's filters: service, severity, success, problem code, worst
 * problem and a search over titles (debounced while typing). Options come
 * from the summary; a value set elsewhere (a chart, a restored state) is
 * kept as an option even when the summary no longer lists it.
 */
import type { DatasetCharts, DatasetFilter, DatasetSummary, ProblemSeverity, SuccessKey } from '../../common/dataset';
import { el, text } from '../dom';
import { count, PROBLEM_LABELS, PROBLEM_SEVERITIES, severityOrder, SUCCESS_KEYS, SUCCESS_LABELS } from './format';

export const SEARCH_DELAY_MS = 250;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface Select {
  readonly element: HTMLSelectElement;
  readonly all: string;
  read(filter: Mutable<DatasetFilter>, value: string | undefined): void;
  value(filter: DatasetFilter): string | undefined;
}

function labelled(label: string, control: HTMLElement, id: string): HTMLElement {
  control.id = id;
  const node = text('label', 'filter-label', label);
  node.htmlFor = id;
  return el('div', 'filter', node, control);
}

function option(value: string, label: string): HTMLOptionElement {
  const node = text('option', '', label);
  node.value = value;
  return node;
}

export class FilterBar {
  readonly element: HTMLElement;
  private readonly selects: Select[];
  private readonly search: HTMLInputElement;
  private readonly matching: HTMLElement;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly current: () => DatasetFilter,
    private readonly onChange: (filter: DatasetFilter) => void,
  ) {
    const first = (list: readonly string[] | undefined) => list?.[0];
    this.selects = [
      { element: el('select', 'filter-service'), all: 'All services', read: (f, v) => (f.services = v ? [v] : undefined), value: (f) => first(f.services) },
      { element: el('select', 'filter-severity'), all: 'All severities', read: (f, v) => (f.severities = v ? [v] : undefined), value: (f) => first(f.severities) },
      { element: el('select', 'filter-success'), all: 'Any success', read: (f, v) => (f.success = v ? [v as SuccessKey] : undefined), value: (f) => first(f.success) },
      { element: el('select', 'filter-code'), all: 'Any problem code', read: (f, v) => (f.codes = v ? [v] : undefined), value: (f) => first(f.codes) },
      { element: el('select', 'filter-worst'), all: 'With or without problems', read: (f, v) => (f.worst = v ? (v as ProblemSeverity | 'none') : undefined), value: (f) => f.worst },
    ];
    this.search = el('input', 'filter-text');
    this.search.type = 'search';
    this.search.placeholder = 'Search titles';
    this.search.spellcheck = false;
    this.search.addEventListener('input', () => {
      clearTimeout(this.searchTimer);
      this.searchTimer = setTimeout(() => this.changed(), SEARCH_DELAY_MS);
    });
    this.search.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        clearTimeout(this.searchTimer);
        this.changed();
      }
    });
    for (const select of this.selects) {
      select.element.addEventListener('change', () => this.changed());
    }
    const clear = text('button', 'secondary clear-filters', 'Clear filters');
    clear.type = 'button';
    clear.addEventListener('click', () => this.onChange({}));
    this.matching = el('span', 'matching');
    this.matching.setAttribute('role', 'status');
    const names = ['Service', 'Severity', 'Success', 'Problem code', 'Problems'];
    this.element = el(
      'div',
      'filters',
      labelled('Search', this.search, 'filter-text'),
      ...this.selects.map((s, i) => labelled(names[i], s.element, `filter-${i}`)),
      clear,
      this.matching,
    );
    this.element.setAttribute('role', 'search');
    this.element.setAttribute('aria-label', 'Filter the records');
  }

  /** Refills the options from the summary, and shows the current filter. */
  update(summary: DatasetSummary | undefined, charts: DatasetCharts | undefined): void {
    const services = Object.keys(summary?.servicesBySeverity ?? {}).sort();
    const severities = severityOrder(services.flatMap((s) => Object.keys(summary?.servicesBySeverity[s] ?? {})));
    const codes = [...(charts?.codes ?? [])].sort((a, b) => a.code.localeCompare(b.code));
    const options: [string, string][][] = [
      services.map((s) => [s, s]),
      severities.map((s) => [s, s]),
      SUCCESS_KEYS.map((k) => [k, SUCCESS_LABELS[k]]),
      codes.map((c) => [c.code, `${c.code} ${c.name} (${count(c.records)})`]),
      [...PROBLEM_SEVERITIES.map((s): [string, string] => [s, `${PROBLEM_LABELS[s].label} or worse`]), ['none', 'No problems']],
    ];
    this.selects.forEach((select, i) => {
      select.element.replaceChildren(option('', select.all), ...options[i].map(([v, l]) => option(v, l)));
    });
    this.sync(this.current());
  }

  /** Shows a filter (set by a chart or restored) in the controls. */
  sync(filter: DatasetFilter): void {
    for (const select of this.selects) {
      const value = select.value(filter) ?? '';
      if (value && ![...select.element.options].some((o) => o.value === value)) {
        select.element.append(option(value, value));
      }
      select.element.value = value;
    }
    if (document.activeElement !== this.search) {
      this.search.value = filter.text ?? '';
    }
  }

  showMatching(matching: number | undefined, records: number | undefined): void {
    this.matching.textContent = matching === undefined ? '' : records !== undefined && matching !== records ? `${count(matching)} of ${count(records)} records match` : `${count(matching)} records`;
  }

  private changed(): void {
    const filter: Mutable<DatasetFilter> = {};
    for (const select of this.selects) {
      select.read(filter, select.element.value || undefined);
    }
    const search = this.search.value.trim();
    if (search) filter.text = search;
    for (const key of Object.keys(filter) as (keyof DatasetFilter)[]) {
      if (filter[key] === undefined) delete filter[key];
    }
    this.onChange(filter);
  }
}
