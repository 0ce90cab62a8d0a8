/**
 * What the status bar says about a document's real problem totals (no
 * `vscode` here, so it is tested on its own): "$(error) 22,561 problems in
 * 7,092 records", and while a first check is under way, the count so far.
 */
import type { ProblemTotals } from '../../common/dataset';

const n = (value: number): string => value.toLocaleString('en-US');
const plural = (count: number, noun: string): string => `${n(count)} ${noun}${count === 1 ? '' : 's'}`;

/** The status bar item's text and tooltip for a document's totals. */
export function totalsText(totals: ProblemTotals): { text: string; tooltip: string } {
  const checking = (totals.unchecked ?? 0) > 0;
  const icon = checking ? '$(sync~spin)' : totals.errors > 0 ? '$(error)' : '$(warning)';
  const where = totals.records > 1 ? ` in ${plural(totals.recordsWithProblems, 'record')}` : '';
  const lines = [
    `${plural(totals.problems, 'problem')} (${plural(totals.errors, 'error')}, ${plural(totals.warnings, 'warning')})` +
      (totals.records > 1 ? ` in ${n(totals.recordsWithProblems)} of ${plural(totals.records, 'record')}` : '') +
      (checking ? ' so far' : '') +
      '.',
  ];
  if (checking) {
    lines.push(`Checking: ${n(totals.records - (totals.unchecked ?? 0))} of ${n(totals.records)} records checked.`);
  }
  if (totals.published < totals.problems) {
    lines.push(`The Problems panel shows ${n(totals.published)} of them (syntax errors and secrets first, then those on screen); the dataset view lists all of them.`);
  }
  lines.push('Click to open the dataset view.');
  return { text: `${icon} ${plural(totals.problems, 'problem')}${where}${checking ? ' so far' : ''}`, tooltip: lines.join('\n') };
}
