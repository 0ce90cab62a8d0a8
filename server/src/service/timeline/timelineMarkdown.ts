/**
 * The timeline as a Markdown table for postmortem documents: time, offset,
 * action, result and error per action, then the end of the resolution.
 * Record text is escaped so that it stays text wherever the table is pasted:
 * no cell can break the table, start a link, or become HTML.
 */
import type { TimelineModel, TimelineResult } from '../../../../common/timeline';

const RESULT_TEXT: Record<TimelineResult, string> = {
  success: '✓ success',
  failed: '✕ failed',
  partial_success: '◐ partial success',
  unknown: '? unknown',
};

/** Escapes text for one table cell: Markdown punctuation, HTML and line breaks. */
export function markdownCell(text: string): string {
  return text
    .replace(/\r\n?|\n/g, ' ')
    .replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .trim();
}

function actionCell(type: string | undefined): string {
  if (type === undefined) {
    return '—';
  }
  return /^[A-Za-z0-9_.-]+$/.test(type) ? `\`${type}\`` : markdownCell(type);
}

export function timelineMarkdown(model: TimelineModel): string {
  const rows = [
    '| Time | Offset | Action | Result | Error |',
    '| --- | --- | --- | --- | --- |',
    ...model.actions.map((action) =>
      [
        action.timestamp !== undefined ? markdownCell(action.timestamp) : '—',
        action.offsetText ?? '—',
        actionCell(action.type),
        action.result === 'unknown' && action.resultText !== undefined ? `? ${markdownCell(action.resultText)}` : RESULT_TEXT[action.result],
        action.error !== undefined ? markdownCell(action.error) : '',
      ].join(' | '),
    ),
  ].map((row) => (row.startsWith('|') ? row : `| ${row} |`));
  if (model.end) {
    const resolution = model.header.resolutionText ? ` (resolution\\_time ${model.header.resolutionText})` : '';
    rows.push(`|  | ${model.end.offsetText} | _end of resolution_${resolution} |  |  |`);
  }
  return `${rows.join('\n')}\n`;
}
