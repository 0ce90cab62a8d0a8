/**
 * Composes several rounds of edits into one set of edits on the original
 * text. Fix-all applies its fixes in passes (a fix can only be computed once
 * an earlier one is in place, and overlapping fixes wait for the next pass);
 * the editor needs the result as edits against the version it has, touching
 * only the regions that changed so everything else (and the cursor) stays.
 */

/** Replace `start..end` with `text`. */
export interface Replacement {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

interface Hunk {
  /** The replaced range of the original text. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Applies sorted, non-overlapping replacements to a text in one sweep. */
export function applyReplacements(text: string, replacements: readonly Replacement[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const r of replacements) {
    parts.push(text.slice(at, r.start), r.text);
    at = r.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** Whether offset `at` falls between \r and \n or between the halves of a surrogate pair. */
function splitsPair(text: string, at: number): boolean {
  const before = text.charCodeAt(at - 1);
  const after = text.charCodeAt(at);
  return (before === 13 && after === 10) || (before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff);
}

export class EditComposer {
  private hunks: Hunk[] = [];
  private text: string;

  constructor(private readonly original: string) {
    this.text = original;
  }

  /** The text with every round applied. */
  get current(): string {
    return this.text;
  }

  /**
   * Applies one round: replacements in coordinates of `current`, sorted and
   * not overlapping. Hunks they touch are merged with them.
   */
  apply(replacements: readonly Replacement[]): void {
    if (replacements.length === 0) {
      return;
    }
    type Item = { start: number; end: number; hunk?: Hunk; edit?: Replacement };
    const items: Item[] = [];
    let delta = 0;
    for (const hunk of this.hunks) {
      const start = hunk.start + delta;
      items.push({ start, end: start + hunk.text.length, hunk });
      delta += hunk.text.length - (hunk.end - hunk.start);
    }
    items.push(...replacements.map((edit) => ({ start: edit.start, end: edit.end, edit })));
    items.sort((a, b) => a.start - b.start || (a.hunk ? -1 : 1));
    const groups: { start: number; end: number; members: Item[] }[] = [];
    for (const item of items) {
      const last = groups[groups.length - 1];
      if (last && item.start <= last.end) {
        last.end = Math.max(last.end, item.end);
        last.members.push(item);
      } else {
        groups.push({ start: item.start, end: item.end, members: [item] });
      }
    }
    const next: Hunk[] = [];
    delta = 0;
    for (const group of groups) {
      const hunks = group.members.filter((m) => m.hunk);
      const edits = group.members.flatMap((m) => (m.edit ? [m.edit] : []));
      const startHunk = hunks.find((m) => m.start === group.start)?.hunk;
      const origStart = startHunk ? startHunk.start : group.start - delta;
      for (const m of hunks) {
        delta += m.hunk!.text.length - (m.hunk!.end - m.hunk!.start);
      }
      const endHunk = hunks.find((m) => m.end === group.end)?.hunk;
      const origEnd = endHunk ? endHunk.end : group.end - delta;
      const local = edits.map((e) => ({ start: e.start - group.start, end: e.end - group.start, text: e.text }));
      next.push({ start: origStart, end: origEnd, text: applyReplacements(this.text.slice(group.start, group.end), local) });
    }
    this.hunks = next;
    this.text = applyReplacements(this.text, replacements);
  }

  /** The composed edits on the original text, each trimmed to the characters that differ. */
  edits(): Replacement[] {
    const out: Replacement[] = [];
    for (const hunk of this.hunks) {
      const before = this.original.slice(hunk.start, hunk.end);
      if (before === hunk.text) {
        continue;
      }
      let prefix = 0;
      while (prefix < before.length && prefix < hunk.text.length && before[prefix] === hunk.text[prefix]) {
        prefix++;
      }
      let suffix = 0;
      while (suffix < before.length - prefix && suffix < hunk.text.length - prefix && before[before.length - 1 - suffix] === hunk.text[hunk.text.length - 1 - suffix]) {
        suffix++;
      }
      // Never cut between \r and \n or inside a surrogate pair: positions there do not exist in an editor.
      while (prefix > 0 && splitsPair(before, prefix)) {
        prefix--;
      }
      while (suffix > 0 && splitsPair(before, before.length - suffix)) {
        suffix--;
      }
      out.push({ start: hunk.start + prefix, end: hunk.end - suffix, text: hunk.text.slice(prefix, hunk.text.length - suffix) });
    }
    return out;
  }
}
