/**
 * The actions on a vertical time axis, in record order. The space before
 * each entry is proportional to the time since the previous timed action
 * (as the core drew it: long gaps arrive already compressed, and are marked
 * with a break and their real length).
 */
import type { TimelineAction, TimelineField, TimelineModel, TimelineSpacer, TimelineWarning } from '../common/timeline';
import { decoration, el, text } from './dom';
import { RESULTS, renderWarnings } from './header';

/** Space for a zero gap, for the longest drawn gap, and at least for a break marker with its label. */
export const MIN_GAP_PX = 6;
export const MAX_GAP_PX = 120;
export const BREAK_PX = 40;

export function spacerHeight(spacer: TimelineSpacer | undefined, maxDrawn: number): number {
  if (!spacer) {
    return MIN_GAP_PX;
  }
  const px = maxDrawn > 0 ? MIN_GAP_PX + (spacer.drawnSeconds / maxDrawn) * (MAX_GAP_PX - MIN_GAP_PX) : MIN_GAP_PX;
  return Math.round(spacer.compressed ? Math.max(px, BREAK_PX) : px);
}

function renderSpacer(spacer: TimelineSpacer | undefined, maxDrawn: number): HTMLElement {
  const node = el('div', spacer?.compressed ? 'spacer compressed' : 'spacer');
  node.setAttribute('aria-hidden', 'true');
  // CSSOM, not a style attribute: the CSP allows no inline styles.
  node.style.height = `${spacerHeight(spacer, maxDrawn)}px`;
  if (spacer?.compressed) {
    node.append(el('span', 'break', text('span', 'break-mark', '≈'), text('span', 'break-label', `${spacer.text} gap`)));
  }
  return node;
}

function fieldList(fields: readonly TimelineField[], className: string, more: number, moreNoun: string): HTMLElement | undefined {
  if (fields.length === 0) {
    return undefined;
  }
  const items = fields.map((f) => el('li', 'field', text('span', 'field-name', f.name), text('span', 'field-value', f.value)));
  if (more > 0) {
    items.push(text('li', 'field more', `+${more} more ${moreNoun}${more === 1 ? '' : 's'}`));
  }
  const list = el('ul', `fields ${className}`, ...items);
  list.setAttribute('role', 'list');
  return list;
}

function name(action: TimelineAction): string {
  return action.type ?? '(no action type)';
}

function resultLabel(action: TimelineAction): string {
  return action.result === 'unknown' && action.resultText !== undefined ? `result "${action.resultText}"` : RESULTS[action.result].label;
}

function gapText(action: TimelineAction): string {
  if (action.timestamp === undefined) {
    return 'no timestamp';
  }
  if (action.offsetSeconds === undefined) {
    return 'timestamp not readable';
  }
  if (!action.gap) {
    return action.offsetSeconds === 0 ? 'first action' : `${action.offsetText} from the first action`;
  }
  const from = `action ${action.gap.fromIndex + 1}`;
  return action.gap.seconds < 0 ? `${action.gap.text} before ${from} (out of order)` : `${action.gap.text} after ${from}`;
}

/** The whole entry as one sentence, for screen readers. */
export function entryLabel(action: TimelineAction, count: number, warnings: readonly TimelineWarning[]): string {
  const parts = [`Action ${action.index + 1} of ${count}: ${name(action)}, ${resultLabel(action)}`];
  if (action.clock !== undefined) {
    parts.push(`at ${action.clock}, ${action.offsetText} from the start, ${gapText(action)}`);
  } else {
    parts.push(gapText(action));
  }
  const sentences = [parts.join(', ') + '.'];
  if (action.parameters.length) {
    sentences.push(`Parameters: ${action.parameters.map((p) => `${p.name} ${p.value}`).join('; ')}.`);
  }
  if (action.details.length) {
    sentences.push(`Details: ${action.details.map((p) => `${p.name} ${p.value}`).join('; ')}.`);
  }
  if (action.error !== undefined) {
    sentences.push(`Error: ${action.error}`);
  }
  sentences.push(...warnings.map((w) => `Warning: ${w.message}`));
  sentences.push('Press Enter to select it in the editor.');
  return sentences.join(' ');
}

function renderEntry(action: TimelineAction, model: TimelineModel, maxDrawn: number): HTMLElement {
  const warnings = model.warnings.filter((w) => w.actionIndex === action.index);
  const result = RESULTS[action.result];
  const card = el(
    'div',
    'card',
    el('div', 'card-title', text('code', 'type', name(action)), el('span', 'result', decoration('span', 'result-icon', result.icon), resultLabel(action))),
    text('div', 'gap', gapText(action)),
    fieldList(action.parameters, 'parameters', action.hiddenParameters, 'parameter'),
    fieldList(action.details, 'details', 0, 'detail'),
    action.error !== undefined && el('div', 'error', text('span', 'error-label', 'Error'), text('span', 'error-text', action.error)),
    renderWarnings(warnings, 'entry-warnings'),
  );
  const time = el(
    'div',
    'time',
    text('span', 'clock', action.clock ?? (action.timestamp === undefined ? 'no time' : 'bad time')),
    action.offsetText !== undefined && text('span', 'offset', action.offsetText),
  );
  const entry = el(
    'li',
    `entry result-${action.result}${warnings.length ? ' has-warning' : ''}`,
    renderSpacer(action.index === 0 ? undefined : action.spacer, maxDrawn),
    el('div', 'row', time, decoration('div', 'marker', result.icon), card),
  );
  entry.tabIndex = 0;
  entry.dataset.index = String(action.index);
  entry.setAttribute('role', 'listitem');
  entry.setAttribute('aria-label', entryLabel(action, model.actions.length, warnings));
  return entry;
}

function renderEnd(model: TimelineModel, maxDrawn: number): HTMLElement | undefined {
  const end = model.end;
  if (!end) {
    return undefined;
  }
  const outcome = model.header.outcome ? ` — ${model.header.outcome}` : '';
  const label = `End of resolution${outcome}`;
  const node = el(
    'div',
    'end',
    renderSpacer(end.spacer, maxDrawn),
    el(
      'div',
      'row',
      el('div', 'time', text('span', 'offset', end.offsetText)),
      decoration('div', 'marker', '⚑'),
      el('div', 'card', text('div', 'card-title', label), text('div', 'gap', `resolution_time ${model.header.resolutionText ?? ''}`.trim())),
    ),
  );
  node.setAttribute('role', 'note');
  node.setAttribute('aria-label', `${label}, ${end.offsetText} from the start (resolution_time ${model.header.resolutionText}).`);
  return node;
}

export function renderEntries(model: TimelineModel): HTMLElement {
  const maxDrawn = Math.max(0, ...model.actions.map((a) => a.spacer?.drawnSeconds ?? 0), model.end?.spacer?.drawnSeconds ?? 0);
  const list = el('ol', 'timeline', ...model.actions.map((action) => renderEntry(action, model, maxDrawn)));
  list.setAttribute('role', 'list');
  list.setAttribute('aria-label', 'Actions in record order');
  return el('section', 'axis', list, renderEnd(model, maxDrawn));
}
