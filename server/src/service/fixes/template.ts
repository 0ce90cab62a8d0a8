/**
 * Text to insert, with the places the user still has to fill marked as tab
 * stops. One template renders either as plain JSON text (fix-all, the CLI,
 * clients without snippet edits) or as an LSP snippet, so a placeholder fix
 * never needs two code paths.
 */

/** A place the user has to fill: its default text, or a list of choices (the first is the default). */
export interface TabStop {
  readonly stop: true;
  readonly placeholder: string;
  readonly choices?: readonly string[];
}

export type Segment = string | TabStop;

export type Template = readonly Segment[];

export function stop(placeholder: string, choices?: readonly string[]): TabStop {
  return choices && choices.length ? { stop: true, placeholder: choices[0], choices } : { stop: true, placeholder };
}

export function hasStops(template: Template): boolean {
  return template.some((s) => typeof s !== 'string');
}

/** The template as plain text: every tab stop replaced by its default. */
export function renderPlain(template: Template): string {
  let out = '';
  for (const segment of template) {
    out += typeof segment === 'string' ? segment : segment.placeholder;
  }
  return out;
}

function escapeSnippetText(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}

function escapeChoice(text: string): string {
  return text.replace(/[\\$}|,]/g, (c) => `\\${c}`);
}

/**
 * The template as snippet text (TextMate syntax). Tab stops are numbered from
 * `counter.next` on, so the stops of several edits of one code action form
 * one session in document order.
 */
export function renderSnippet(template: Template, counter: { next: number }): string {
  let out = '';
  for (const segment of template) {
    if (typeof segment === 'string') {
      out += escapeSnippetText(segment);
      continue;
    }
    const n = counter.next++;
    if (segment.choices) {
      out += `\${${n}|${segment.choices.map(escapeChoice).join(',')}|}`;
    } else if (segment.placeholder === '') {
      out += `\$${n}`;
    } else {
      out += `\${${n}:${escapeSnippetText(segment.placeholder)}}`;
    }
  }
  return out;
}
