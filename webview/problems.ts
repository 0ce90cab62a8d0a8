/**
 * The record's problems under the header: one item per diagnostic (severity,
 * code, message, the action it is in), each activated by a click or Enter to
 * select its range in the editor. Messages are the rules' own (they never
 * repeat a secret) and go in as text.
 */
import type { TimelineModel, TimelineProblem } from '../common/timeline';
import { decoration, el, text } from './dom';

const SEVERITY: Readonly<Record<TimelineProblem['severity'], { readonly icon: string; readonly label: string }>> = {
  error: { icon: '✕', label: 'error' },
  warning: { icon: '⚠', label: 'warning' },
  information: { icon: 'ℹ', label: 'information' },
  hint: { icon: '…', label: 'hint' },
};

const ORDER: readonly TimelineProblem['severity'][] = ['error', 'warning', 'information', 'hint'];

/** "3 problems: 1 error, 2 warnings", or "no problems". */
export function problemsText(problems: readonly TimelineProblem[]): string {
  if (problems.length === 0) {
    return 'no problems';
  }
  const parts = ORDER.map((s) => [s, problems.filter((p) => p.severity === s).length] as const)
    .filter(([, count]) => count > 0)
    .map(([s, count]) => `${count} ${s === 'information' ? 'information' : `${SEVERITY[s].label}${count === 1 ? '' : 's'}`}`);
  return `${problems.length} problem${problems.length === 1 ? '' : 's'}: ${parts.join(', ')}`;
}

function where(problem: TimelineProblem): string {
  const line = `line ${problem.range.start.line + 1}`;
  return problem.actionIndex === undefined ? line : `action ${problem.actionIndex + 1}, ${line}`;
}

function renderProblem(problem: TimelineProblem, index: number): HTMLElement {
  const severity = SEVERITY[problem.severity] ?? SEVERITY.error;
  const item = el(
    'li',
    `problem problem-${problem.severity}`,
    decoration('span', 'problem-icon', severity.icon),
    text('code', 'problem-code', problem.code),
    text('span', 'problem-message', problem.message),
    text('span', 'problem-where', where(problem)),
  );
  item.tabIndex = 0;
  item.dataset.problem = String(index);
  item.setAttribute('role', 'listitem');
  item.setAttribute('aria-label', `${severity.label} ${problem.code}: ${problem.message} (${where(problem)}). Press Enter to select it in the editor.`);
  return item;
}

/** The problems section, or undefined when the record has none. */
export function renderProblems(model: TimelineModel): HTMLElement | undefined {
  const problems = model.problems ?? [];
  if (problems.length === 0) {
    return undefined;
  }
  const list = el('ul', 'problem-list', ...problems.map(renderProblem));
  list.setAttribute('role', 'list');
  list.setAttribute('aria-label', 'Problems of this record');
  const section = el('section', 'problems', text('h2', 'problems-title', `Problems (${problems.length})`), list);
  return section;
}
