/**
 * A small model of JSON text with tab stops, rendered either as snippet
 * syntax (for clients with snippet support and for `snippets/*.code-snippets`)
 * or as plain JSON with every placeholder at its default (for clients without
 * snippet support, and to check that a skeleton's defaults validate).
 *
 * Building the JSON as a tree instead of concatenating strings keeps commas,
 * quoting and escaping right in both renderings, and lets the same skeleton be
 * laid out over several lines (a `.incident.json` file) or on one line (a JSON
 * Lines record).
 */

export type SnippetKey = string | { readonly placeholder: string };

export type SnippetNode =
  | { readonly kind: 'object'; readonly entries: readonly (readonly [SnippetKey, SnippetNode])[] }
  | { readonly kind: 'array'; readonly items: readonly SnippetNode[] }
  /**
   * An empty `{}` or `[]` with a tab stop inside. `open` lays it out over
   * three lines in pretty layout, so the cursor lands on its own line (where
   * the user will add entries by completion).
   */
  | { readonly kind: 'empty'; readonly brackets: '{}' | '[]'; readonly open?: boolean }
  /** A JSON value written as is, without a tab stop (e.g. pre-filled from the record). */
  | { readonly kind: 'literal'; readonly value: unknown }
  /**
   * A JSON scalar the user is expected to replace; selected when its tab stop
   * is reached. `prose`: a description of what to write ("Short summary of
   * the incident"), which no real record contains (IR211 reports it left in).
   */
  | { readonly kind: 'placeholder'; readonly value: string | number | boolean; readonly prose?: boolean }
  /** One of a fixed set of JSON scalars, the first being the default. */
  | { readonly kind: 'choice'; readonly options: readonly (string | number | boolean)[] }
  /** A date-time string placeholder; `now` means "the moment of insertion". */
  | { readonly kind: 'timestamp'; readonly value: string | 'now' };

export const literal = (value: unknown): SnippetNode => ({ kind: 'literal', value });
export const placeholder = (value: string | number | boolean, prose = false): SnippetNode => (prose ? { kind: 'placeholder', value, prose } : { kind: 'placeholder', value });
export const choice = (options: readonly (string | number | boolean)[]): SnippetNode => ({ kind: 'choice', options });
export const objectNode = (entries: readonly (readonly [SnippetKey, SnippetNode])[]): SnippetNode => ({ kind: 'object', entries });
export const arrayNode = (items: readonly SnippetNode[]): SnippetNode => ({ kind: 'array', items });
export const emptyNode = (brackets: '{}' | '[]', open = false): SnippetNode => ({ kind: 'empty', brackets, open });

export interface RenderOptions {
  /** Snippet syntax with tab stops, or plain JSON with the defaults. */
  readonly snippet: boolean;
  /** `pretty`: one property per line; `inline`: everything on one line. */
  readonly layout: 'pretty' | 'inline';
  /** Indentation of one level in `pretty` layout (a tab in snippet files: the editor converts it). */
  readonly indentUnit?: string;
  /** Indentation of the line the text starts on; continuation lines are prefixed with it. */
  readonly baseIndent?: string;
  /** Inline separators: `compact` as `JSON.stringify` writes (`{"a":1}`), `spaced` as `{"a": 1}`. */
  readonly spacing?: 'compact' | 'spaced';
  /** Number of the first tab stop (default 1). */
  readonly firstStop?: number;
  /** How a `now` timestamp is written: the editor's current-time variables, or this fixed text. */
  readonly now: 'variables' | string;
}

export interface RenderedSnippet {
  readonly text: string;
  /** The next free tab stop number. */
  readonly nextStop: number;
}

/** VS Code's variables for the current local time with its offset, e.g. 2024-03-14T09:12:44+01:00. */
export const NOW_VARIABLES = '${CURRENT_YEAR}-${CURRENT_MONTH}-${CURRENT_DATE}T${CURRENT_HOUR}:${CURRENT_MINUTE}:${CURRENT_SECOND}${CURRENT_TIMEZONE_OFFSET}';

/** Escapes text that appears outside any placeholder. */
export function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}

function escapeChoice(text: string): string {
  return text.replace(/[\\$},|]/g, (c) => `\\${c}`);
}

/** JSON text of a string without its quotes. */
function jsonStringContent(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}

class Renderer {
  private stop: number;

  constructor(private readonly options: RenderOptions) {
    this.stop = options.firstStop ?? 1;
  }

  get nextStop(): number {
    return this.stop;
  }

  /** Plain text (already snippet-escaped where needed). */
  private text(raw: string): string {
    return this.options.snippet ? escapeSnippet(raw) : raw;
  }

  private tabStop(defaultText: string): string {
    if (!this.options.snippet) {
      return defaultText;
    }
    return defaultText ? `\${${this.stop++}:${escapeSnippet(defaultText)}}` : `\$${this.stop++}`;
  }

  private scalarText(value: string | number | boolean): { quoted: boolean; inner: string } {
    return typeof value === 'string' ? { quoted: true, inner: jsonStringContent(value) } : { quoted: false, inner: JSON.stringify(value) };
  }

  private scalar(node: Extract<SnippetNode, { kind: 'placeholder' | 'choice' | 'timestamp' }>): string {
    if (node.kind === 'timestamp') {
      const fixed = node.value !== 'now' ? node.value : this.options.now === 'variables' ? undefined : this.options.now;
      if (fixed !== undefined) {
        return `"${this.tabStop(jsonStringContent(fixed))}"`;
      }
      if (!this.options.snippet) {
        throw new Error('A timestamp of the insertion time needs snippet syntax or a fixed time.');
      }
      return `"\${${this.stop++}:${NOW_VARIABLES}}"`;
    }
    if (node.kind === 'placeholder') {
      const { quoted, inner } = this.scalarText(node.value);
      return quoted ? `"${this.tabStop(inner)}"` : this.tabStop(inner);
    }
    const texts = node.options.map((option) => this.scalarText(option));
    const quoted = texts.every((t) => t.quoted);
    if (!this.options.snippet || texts.length === 1) {
      const first = texts[0];
      return first.quoted ? `"${this.tabStop(first.inner)}"` : this.tabStop(first.inner);
    }
    const list = texts.map((t) => escapeChoice(quoted ? t.inner : t.quoted ? `"${t.inner}"` : t.inner)).join(',');
    const stop = `\${${this.stop++}|${list}|}`;
    return quoted ? `"${stop}"` : stop;
  }

  private key(key: SnippetKey): string {
    if (typeof key === 'string') {
      return this.text(JSON.stringify(key));
    }
    return `"${this.tabStop(jsonStringContent(key.placeholder))}"`;
  }

  render(node: SnippetNode, depth: number): string {
    switch (node.kind) {
      case 'literal':
        return this.text(this.options.layout === 'inline' ? this.inlineJson(node.value) : this.prettyJson(node.value, depth));
      case 'placeholder':
      case 'choice':
      case 'timestamp':
        return this.scalar(node);
      case 'empty':
        return this.empty(node.brackets, node.open === true, depth);
      case 'object':
        return this.container('{', '}', node.entries.map(([key, value]) => () => this.member(key, value, depth + 1)), depth);
      case 'array':
        return this.container('[', ']', node.items.map((item) => () => this.render(item, depth + 1)), depth);
    }
  }

  member(key: SnippetKey, value: SnippetNode, depth: number): string {
    return `${this.key(key)}${this.colon()}${this.render(value, depth)}`;
  }

  private colon(): string {
    return this.options.layout === 'inline' && this.options.spacing === 'compact' ? ':' : ': ';
  }

  private empty(brackets: '{}' | '[]', open: boolean, depth: number): string {
    if (!this.options.snippet) {
      return brackets;
    }
    const stop = `$${this.stop++}`;
    if (open && this.options.layout === 'pretty') {
      return `${brackets[0]}\n${this.indent(depth + 1)}${stop}\n${this.indent(depth)}${brackets[1]}`;
    }
    return `${brackets[0]}${stop}${brackets[1]}`;
  }

  private container(open: string, close: string, parts: readonly (() => string)[], depth: number): string {
    if (parts.length === 0) {
      return `${open}${close}`;
    }
    if (this.options.layout === 'inline') {
      const separator = this.options.spacing === 'compact' ? ',' : ', ';
      return `${open}${parts.map((p) => p()).join(separator)}${close}`;
    }
    const inner = this.indent(depth + 1);
    return `${open}\n${parts.map((p) => inner + p()).join(`,\n`)}\n${this.indent(depth)}${close}`;
  }

  private indent(depth: number): string {
    return (this.options.baseIndent ?? '') + (this.options.indentUnit ?? '\t').repeat(depth);
  }

  private inlineJson(value: unknown): string {
    const text = JSON.stringify(value);
    return this.options.spacing === 'compact' ? text : spaceOut(text);
  }

  private prettyJson(value: unknown, depth: number): string {
    const text = JSON.stringify(value, null, this.options.indentUnit ?? '\t');
    return text.replace(/\n/g, `\n${this.indent(depth)}`);
  }
}

/** `{"a":1,"b":[2]}` → `{"a": 1, "b": [2]}`, outside strings only. */
function spaceOut(json: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    out += c;
    if (inString) {
      if (c === '\\') {
        out += json[++i];
      } else if (c === '"') {
        inString = false;
      }
    } else if (c === '"') {
      inString = true;
    } else if (c === ',' || c === ':') {
      out += ' ';
    }
  }
  return out;
}

/**
 * Renders members of an object without its braces (`"a": 1, "b": 2`), for
 * text inserted among existing members. A member without a key is a bare
 * value (the value being completed, followed by the members it brings).
 */
export function renderMembers(members: readonly (readonly [SnippetKey | undefined, SnippetNode])[], options: RenderOptions): RenderedSnippet {
  const renderer = new Renderer(options);
  const parts = members.map(([key, value]) => (key === undefined ? renderer.render(value, 0) : renderer.member(key, value, 0)));
  const separator = options.layout === 'pretty' ? `,\n${options.baseIndent ?? ''}` : options.spacing === 'compact' ? ',' : ', ';
  return { text: parts.join(separator), nextStop: renderer.nextStop };
}

/** Renders `node` as snippet or plain text. */
export function renderSnippet(node: SnippetNode, options: RenderOptions): RenderedSnippet {
  const renderer = new Renderer(options);
  const text = renderer.render(node, 0);
  return { text, nextStop: renderer.nextStop };
}
