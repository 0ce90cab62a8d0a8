/**
 * Expands snippet text the way an editor does when the user tabs through
 * it: each tab stop takes the text the user typed there, or its default
 * (a placeholder's text, a choice's first option); variables such as
 * CURRENT_YEAR take the given values; `\t` at the start of a line becomes
 * the editor's indentation. Tests use it to apply the product's snippets and
 * completion items exactly as a user would.
 */

export interface Expansion {
  readonly text: string;
  /** Offset (in `text`) where each tab stop's text starts. */
  readonly stops: ReadonlyMap<number, number>;
}

export interface ExpandOptions {
  /** What the user types at each tab stop (by number); unset stops keep their default. */
  readonly values?: Readonly<Record<number, string>>;
  readonly variables?: Readonly<Record<string, string>>;
  /** The editor's indentation for a tab in the snippet (default two spaces). */
  readonly indent?: string;
}

class Expander {
  private pos = 0;
  private out = '';
  readonly stops = new Map<number, number>();

  constructor(
    private readonly src: string,
    private readonly options: ExpandOptions,
  ) {}

  run(until?: string): string {
    const start = this.out.length;
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (until && until.includes(c)) {
        break;
      }
      if (c === '\\' && this.pos + 1 < this.src.length) {
        this.out += this.src[this.pos + 1];
        this.pos += 2;
      } else if (c === '$') {
        this.dollar();
      } else {
        this.out += c;
        this.pos++;
      }
    }
    return this.out.slice(start);
  }

  private number(): number | undefined {
    const match = /^\d+/.exec(this.src.slice(this.pos));
    if (!match) {
      return undefined;
    }
    this.pos += match[0].length;
    return Number(match[0]);
  }

  private dollar(): void {
    this.pos++;
    const braced = this.src[this.pos] === '{';
    if (braced) {
      this.pos++;
    }
    const stop = this.number();
    if (stop === undefined) {
      const name = /^[A-Z_]+/.exec(this.src.slice(this.pos))![0];
      this.pos += name.length + (braced ? 1 : 0);
      const value = this.options.variables?.[name];
      if (value === undefined) {
        throw new Error(`snippet variable ${name} has no value in the test`);
      }
      this.out += value;
      return;
    }
    const at = this.out.length;
    const typed = this.options.values?.[stop];
    if (!braced) {
      this.out += typed ?? '';
    } else if (this.src[this.pos] === '}') {
      this.pos++;
      this.out += typed ?? '';
    } else if (this.src[this.pos] === ':') {
      this.pos++;
      const before = this.out.length;
      this.run('}');
      this.pos++;
      if (typed !== undefined) {
        this.out = this.out.slice(0, before) + typed;
      }
    } else if (this.src[this.pos] === '|') {
      this.pos++;
      const options: string[] = [];
      let current = '';
      while (this.src[this.pos] !== '|') {
        const c = this.src[this.pos++];
        if (c === '\\') {
          current += this.src[this.pos++];
        } else if (c === ',') {
          options.push(current);
          current = '';
        } else {
          current += c;
        }
      }
      options.push(current);
      this.pos += 2; // |}
      if (typed !== undefined && !options.includes(typed)) {
        throw new Error(`"${typed}" is not one of the choices ${options.join(', ')} of tab stop ${stop}`);
      }
      this.out += typed ?? options[0];
    }
    if (!this.stops.has(stop)) {
      this.stops.set(stop, at);
    }
  }
}

export function expandSnippet(snippet: string, options: ExpandOptions = {}): Expansion {
  const indent = options.indent ?? '  ';
  const source = snippet.replace(/^\t+/gm, (tabs) => indent.repeat(tabs.length));
  const expander = new Expander(source, options);
  const text = expander.run();
  return { text, stops: expander.stops };
}

/** Variables for a fixed "now": 2024-03-14T09:00:00+00:00 unless told otherwise. */
export function timeVariables(iso = '2024-03-14T09:00:00+00:00'): Record<string, string> {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})([+-]\d{2}:\d{2})$/.exec(iso)!;
  return {
    CURRENT_YEAR: m[1],
    CURRENT_MONTH: m[2],
    CURRENT_DATE: m[3],
    CURRENT_HOUR: m[4],
    CURRENT_MINUTE: m[5],
    CURRENT_SECOND: m[6],
    CURRENT_TIMEZONE_OFFSET: m[7],
  };
}
