/**
 * The position a timeline panel is anchored at (the start of the record it
 * shows), kept valid across edits the way an editor keeps a marker: text
 * inserted or removed before it moves it, an edit around it pulls it to the
 * edit's start. Pure, on plain positions, so it is tested without VS Code.
 */

export interface Pos {
  readonly line: number;
  readonly character: number;
}

export interface Change {
  readonly range: { readonly start: Pos; readonly end: Pos };
  readonly text: string;
}

function before(a: Pos, b: Pos): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** Whether `position` lies in `range`, both ends included. */
export function contains(range: { readonly start: Pos; readonly end: Pos }, position: Pos): boolean {
  return !before(position, range.start) && !before(range.end, position);
}

/** `anchor` after `changes`, applied in order (as `onDidChangeTextDocument` reports them). */
export function shiftAnchor(anchor: Pos, changes: readonly Change[]): Pos {
  let { line, character } = anchor;
  for (const { range, text } of changes) {
    const { start, end } = range;
    if (before({ line, character }, start)) {
      continue;
    }
    if (before({ line, character }, end)) {
      ({ line, character } = start);
      continue;
    }
    const lines = text.split(/\r\n|\r|\n/);
    const endLine = start.line + lines.length - 1;
    const endCharacter = lines.length === 1 ? start.character + lines[0].length : lines[lines.length - 1].length;
    if (line === end.line) {
      character = endCharacter + (character - end.character);
    }
    line = endLine + (line - end.line);
  }
  return { line, character };
}
