/**
 * The timeline's header (title and the record's facts), its legend and the
 * record-level warnings.
 */
import type { TimelineModel, TimelineResult, TimelineWarning } from '../common/timeline';
import { decoration, el, text } from './dom';
import { problemsText } from './problems';

/** Results are told apart by colour, icon and word, so that none of them is needed alone. */
export const RESULTS: Readonly<Record<TimelineResult, { readonly icon: string; readonly label: string }>> = {
  success: { icon: '✓', label: 'success' },
  failed: { icon: '✕', label: 'failed' },
  partial_success: { icon: '◐', label: 'partial success' },
  unknown: { icon: '?', label: 'unknown result' },
};

const ORDER: readonly TimelineResult[] = ['success', 'failed', 'partial_success', 'unknown'];

function fact(name: string, value: string | undefined, className = ''): HTMLElement | undefined {
  if (value === undefined || value === '') {
    return undefined;
  }
  return el('div', `fact ${className}`.trim(), text('dt', 'fact-name', name), text('dd', 'fact-value', value));
}

export function countsText(model: TimelineModel): string {
  const total = model.actions.length;
  const parts = ORDER.filter((r) => model.header.counts[r] > 0).map((r) => `${model.header.counts[r]} ${RESULTS[r].label}`);
  return `${total} action${total === 1 ? '' : 's'}${parts.length ? `: ${parts.join(', ')}` : ''}`;
}

export function renderHeader(model: TimelineModel, onCopy: () => void): HTMLElement {
  const { header } = model;
  const copy = text('button', 'copy', 'Copy as Markdown');
  copy.type = 'button';
  copy.title = 'Copy the timeline as a Markdown table (time, offset, action, result, error)';
  copy.addEventListener('click', onCopy);
  const position = model.recordCount > 1 ? `Record ${model.recordIndex + 1} of ${model.recordCount}` : '';
  const success = header.success === undefined ? undefined : header.success ? '✓ yes' : '✕ no';
  const resolution = header.resolutionText === undefined ? undefined : `${header.resolutionText} (${header.resolutionSeconds} s)`;
  return el(
    'header',
    'header',
    el('div', 'toolbar', text('span', 'record-position', position), copy),
    text('h1', 'title', header.title ?? 'Untitled incident'),
    el(
      'dl',
      'facts',
      fact('Service', header.service),
      fact('Severity', header.severity, `severity-${header.severity ?? 'none'}`),
      fact('Outcome', header.outcome),
      fact('Success', success, header.success === undefined ? '' : `success-${header.success}`),
      fact('Resolution time', resolution),
      fact('Started', header.start),
      fact('Actions', countsText(model)),
      fact('Problems', problemsText(model.problems ?? []), (model.problems ?? []).length ? 'has-problems' : 'no-problems'),
    ),
  );
}

export function renderLegend(model: TimelineModel): HTMLElement {
  const shown = ORDER.filter((r) => r !== 'unknown' || model.header.counts.unknown > 0);
  const items = shown.map((r) => el('li', `legend-item result-${r}`, decoration('span', 'legend-icon', RESULTS[r].icon), text('span', 'legend-label', RESULTS[r].label)));
  if ([...model.actions.map((a) => a.spacer), model.end?.spacer].some((s) => s?.compressed)) {
    items.push(el('li', 'legend-item legend-break', decoration('span', 'legend-icon', '≈'), text('span', 'legend-label', 'long gap, drawn shorter')));
  }
  const legend = el('ul', 'legend', ...items);
  legend.setAttribute('aria-label', 'Legend');
  legend.setAttribute('role', 'list');
  return legend;
}

export function renderWarnings(warnings: readonly TimelineWarning[], className: string): HTMLElement | undefined {
  if (warnings.length === 0) {
    return undefined;
  }
  const list = el('ul', `warnings ${className}`, ...warnings.map((w) => el('li', `warning warning-${w.kind}`, decoration('span', 'warning-icon', '⚠'), text('span', 'warning-text', w.message))));
  list.setAttribute('aria-label', 'Warnings');
  list.setAttribute('role', 'list');
  return list;
}
