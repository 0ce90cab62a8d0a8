/**
 * The timeline preview's script (bundled to dist/webview/timeline.js). It
 * draws the model the extension sends, keeps it with `setState` so a reload
 * shows it at once, and asks the extension to reveal an action when its entry
 * is clicked or activated with Enter or Space. DOM only; all record text goes
 * in as text.
 */
import type { TimelineModel } from '../common/timeline';
import type { FromWebviewMessage, TimelineWebviewState, ToWebviewMessage } from '../common/webviewMessages';
import { el, text } from './dom';
import { renderEntries } from './entries';
import { renderHeader, renderLegend, renderWarnings } from './header';
import { renderProblems } from './problems';

interface VsCodeApi {
  postMessage(message: FromWebviewMessage): void;
  getState(): unknown;
  setState(state: TimelineWebviewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('app') ?? document.body.appendChild(el('main'));

let state: TimelineWebviewState | undefined = readState(vscode.getState());
let current: TimelineModel | undefined;
/** The panel's document, as the extension names it in its messages. */
let currentUri: string | undefined = state?.uri;

function readState(value: unknown): TimelineWebviewState | undefined {
  if (!value || typeof value !== 'object' || typeof (value as TimelineWebviewState).uri !== 'string') {
    return undefined;
  }
  return value as TimelineWebviewState;
}

function saveState(update: Partial<TimelineWebviewState> & { uri: string }): void {
  state = { ...(state?.uri === update.uri ? state : {}), ...update };
  vscode.setState(state);
}

function entries(): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>('li.entry')];
}

function reveal(index: number): void {
  if (!current || currentUri === undefined) {
    return;
  }
  for (const entry of entries()) {
    entry.classList.toggle('selected', entry.dataset.index === String(index));
  }
  vscode.postMessage({ type: 'reveal', uri: currentUri, version: current.version, recordIndex: current.recordIndex, actionIndex: index });
}

/** Asks the extension to select a problem's range in the editor. */
function revealProblem(index: number): void {
  if (current && currentUri !== undefined) {
    vscode.postMessage({ type: 'reveal', uri: currentUri, version: current.version, recordIndex: current.recordIndex, problemIndex: index });
  }
}

function copyMarkdown(): void {
  if (current && currentUri !== undefined) {
    vscode.postMessage({ type: 'copyMarkdown', uri: currentUri });
  }
}

function renderModel(model: TimelineModel): void {
  // Keep the focused entry focused across live updates of the same record.
  const focused = document.activeElement instanceof HTMLElement ? document.activeElement.dataset.index : undefined;
  const focusedProblem = document.activeElement instanceof HTMLElement ? document.activeElement.dataset.problem : undefined;
  const sameRecord = current?.uri === model.uri && current.recordIndex === model.recordIndex;
  current = model;
  const warnings = renderWarnings(model.warnings.filter((w) => w.actionIndex === undefined), 'record-warnings');
  root.replaceChildren(...[renderHeader(model, copyMarkdown), renderLegend(model), warnings, renderProblems(model), renderEntries(model)].filter((n): n is HTMLElement => n !== undefined));
  root.setAttribute('aria-busy', 'false');
  if (sameRecord && focused !== undefined) {
    root.querySelector<HTMLElement>(`li.entry[data-index="${Number(focused)}"]`)?.focus({ preventScroll: true });
  }
  if (sameRecord && focusedProblem !== undefined) {
    root.querySelector<HTMLElement>(`li.problem[data-problem="${Number(focusedProblem)}"]`)?.focus({ preventScroll: true });
  }
  document.title = `Timeline: ${model.header.title ?? 'untitled incident'}`;
}

function renderEmpty(reason: string): void {
  current = undefined;
  root.replaceChildren(el('div', 'empty', text('p', 'empty-reason', reason)));
  root.setAttribute('aria-busy', 'false');
}

function isMessage(data: unknown): data is ToWebviewMessage {
  if (!data || typeof data !== 'object') {
    return false;
  }
  const message = data as ToWebviewMessage;
  if (typeof message.uri !== 'string') {
    return false;
  }
  return (message.type === 'timeline' && typeof message.model === 'object' && message.model !== null) || (message.type === 'empty' && typeof message.reason === 'string');
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = event.data;
  if (!isMessage(message)) {
    return;
  }
  currentUri = message.uri;
  if (message.type === 'timeline') {
    const anchor = message.model.recordRange.start;
    if (state?.uri !== message.uri || state.model?.recordIndex !== message.model.recordIndex) {
      window.scrollTo(0, 0);
    }
    renderModel(message.model);
    saveState({ uri: message.uri, model: message.model, anchor });
  } else {
    renderEmpty(message.reason);
    saveState({ uri: message.uri, model: undefined });
  }
});

root.addEventListener('click', (event) => {
  const problem = (event.target as Element | null)?.closest<HTMLElement>('li.problem');
  if (problem && !window.getSelection()?.toString()) {
    revealProblem(Number(problem.dataset.problem));
    return;
  }
  const entry = (event.target as Element | null)?.closest<HTMLElement>('li.entry');
  // A drag that selected text (to copy an error message) is not a click on the entry.
  if (entry && !window.getSelection()?.toString()) {
    reveal(Number(entry.dataset.index));
  }
});

root.addEventListener('keydown', (event) => {
  const problem = (event.target as Element | null)?.closest<HTMLElement>('li.problem');
  if (problem && event.target === problem) {
    const all = [...root.querySelectorAll<HTMLElement>('li.problem')];
    const at = all.indexOf(problem);
    const move: Record<string, number> = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: all.length - 1 };
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      revealProblem(Number(problem.dataset.problem));
    } else if (event.key in move) {
      event.preventDefault();
      all[Math.max(0, Math.min(all.length - 1, move[event.key]))]?.focus();
    }
    return;
  }
  const entry = (event.target as Element | null)?.closest<HTMLElement>('li.entry');
  if (!entry || event.target !== entry) {
    return;
  }
  const all = entries();
  const at = all.indexOf(entry);
  const move: Record<string, number> = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: all.length - 1 };
  if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault();
    reveal(Number(entry.dataset.index));
  } else if (event.key in move) {
    event.preventDefault();
    all[Math.max(0, Math.min(all.length - 1, move[event.key]))]?.focus();
  }
});

let scrollFrame = 0;
window.addEventListener('scroll', () => {
  cancelAnimationFrame(scrollFrame);
  scrollFrame = requestAnimationFrame(() => {
    if (state) {
      saveState({ uri: state.uri, scrollY: window.scrollY });
    }
  });
});

if (state?.model) {
  renderModel(state.model);
  window.scrollTo(0, state.scrollY ?? 0);
}
vscode.postMessage({ type: 'ready', uri: state?.uri });
