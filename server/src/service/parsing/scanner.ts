/**
 * A fast structural scanner over JSON text. It never builds values: it finds
 * the items of a top-level array, counts object keys (so duplicate keys can be
 * detected without a position tree) and measures nesting depth. It is a tight
 * char-code loop that jumps over strings with `indexOf`, so it costs a fraction
 * of `JSON.parse` on the same text.
 */

const QUOTE = 34;
const BACKSLASH = 92;
const COLON = 58;
const COMMA = 44;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const SLASH = 47;
const STAR = 42;

export function isJsonWhitespace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9;
}

/**
 * Returns the offset just past the closing quote of the string that starts at
 * `start` (which must be a quote), or -1 when the string is not closed before `end`.
 */
export function skipString(text: string, start: number, end: number): number {
  let j = start + 1;
  for (;;) {
    j = text.indexOf('"', j);
    if (j < 0 || j >= end) {
      return -1;
    }
    let k = j - 1;
    let backslashes = 0;
    while (text.charCodeAt(k) === BACKSLASH) {
      backslashes++;
      k--;
    }
    if ((backslashes & 1) === 0) {
      return j + 1;
    }
    j++;
  }
}

const WHITESPACE_BEFORE_COLON = /"[ \t\r\n]+:/g;

/**
 * Counts the keys of the JSON text in [start, end) without a full scan: in
 * valid JSON an unescaped `"` directly followed by `:` can only end a key
 * (a quote inside a string is always escaped, and a value is never followed
 * by a colon). `indexOf` finds those in native code. Returns -1 when a key is
 * followed by whitespace before its colon (hand-formatted JSON), so the
 * caller falls back to `scanValue`.
 */
export function countKeyTokens(text: string, start: number, end: number): number {
  WHITESPACE_BEFORE_COLON.lastIndex = start;
  const spaced = WHITESPACE_BEFORE_COLON.exec(text);
  if (spaced && spaced.index < end) {
    return -1;
  }
  let count = 0;
  let i = text.indexOf('":', start);
  while (i >= 0 && i < end) {
    let k = i - 1;
    let backslashes = 0;
    while (text.charCodeAt(k) === BACKSLASH) {
      backslashes++;
      k--;
    }
    if ((backslashes & 1) === 0) {
      count++;
    }
    i = text.indexOf('":', i + 2);
  }
  return count;
}

export interface ValueScan {
  /** Number of `"key":` tokens in the text. */
  readonly keyCount: number;
  /** Deepest nesting of objects and arrays. */
  readonly maxDepth: number;
}

/** Counts keys and measures depth of the JSON text in [start, end). */
export function scanValue(text: string, start: number, end: number): ValueScan {
  let keyCount = 0;
  let depth = 0;
  let maxDepth = 0;
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const after = skipString(text, i, end);
      if (after < 0) {
        break;
      }
      i = after;
      while (i < end && isJsonWhitespace(text.charCodeAt(i))) {
        i++;
      }
      if (text.charCodeAt(i) === COLON) {
        keyCount++;
      }
      continue;
    }
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > maxDepth) {
        maxDepth = depth;
      }
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
    }
    i++;
  }
  return { keyCount, maxDepth };
}

/**
 * Deepest nesting the recursive tree parsers (jsonc-parser, and the JSON
 * language service built on its scanner) may be given: thousands of levels
 * overflow their stack, and formatting such a text produces output quadratic
 * in its depth. A real record is about seven levels deep.
 */
export const MAX_TREE_DEPTH = 128;

/**
 * The nesting depth of a text as jsonc-parser's tokenizer sees it, even in
 * broken JSON: a string also ends at a raw line break, comments are skipped,
 * and only a matching bracket closes a container (a parser skips a stray one).
 * It never under-counts what the parsers recurse into, which `scanValue`
 * (built for valid JSON) can. Stops counting past `limit`.
 */
export function treeDepth(text: string, limit = Infinity): number {
  const open: number[] = [];
  let max = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      for (i++; i < n; i++) {
        const s = text.charCodeAt(i);
        if (s === QUOTE || s === 10 || s === 13) {
          break;
        }
        if (s === BACKSLASH) {
          i++;
        }
      }
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      open.push(c);
      if (open.length > max && (max = open.length) > limit) {
        return max;
      }
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (open.length && open[open.length - 1] === (c === CLOSE_BRACE ? OPEN_BRACE : OPEN_BRACKET)) {
        open.pop();
      }
    } else if (c === SLASH) {
      i = skipComment(text, i);
    }
  }
  return max;
}

/** Offset of the last character of a comment starting at `i` (`i` itself when none starts there). */
function skipComment(text: string, i: number): number {
  const next = text.charCodeAt(i + 1);
  if (next === SLASH) {
    let j = i + 2;
    while (j < text.length && text.charCodeAt(j) !== 10 && text.charCodeAt(j) !== 13) {
      j++;
    }
    return j - 1;
  }
  if (next === STAR) {
    const close = text.indexOf('*/', i + 2);
    return close < 0 ? text.length : close + 1;
  }
  return i;
}

/** Whether a text may be handed to a recursive tree parser (see `MAX_TREE_DEPTH`). */
export function shallowEnoughForTree(text: string): boolean {
  return treeDepth(text, MAX_TREE_DEPTH) <= MAX_TREE_DEPTH;
}

export interface ItemSpan {
  readonly start: number;
  readonly end: number;
  readonly keyCount: number;
  readonly maxDepth: number;
}

/**
 * Splits a top-level JSON array into item spans (trimmed of whitespace).
 * `start` must point at the `[`. Returns undefined when the array's structure
 * is broken (unbalanced brackets, an unterminated string, a missing or extra
 * comma, text after the closing bracket): the caller then falls back to a
 * tolerant parser that reports the syntax errors.
 */
export function scanArrayItems(text: string, start: number, end: number): ItemSpan[] | undefined {
  if (text.charCodeAt(start) !== OPEN_BRACKET) {
    return undefined;
  }
  const items: ItemSpan[] = [];
  let depth = 1;
  let i = start + 1;
  let itemStart = -1;
  let lastNonWs = -1;
  let keyCount = 0;
  let itemDepth = 0;
  let sawComma = false;
  const closeItem = (): boolean => {
    if (itemStart < 0) {
      return false;
    }
    items.push({ start: itemStart, end: lastNonWs + 1, keyCount, maxDepth: itemDepth });
    itemStart = -1;
    keyCount = 0;
    itemDepth = 0;
    return true;
  };
  while (i < end) {
    const c = text.charCodeAt(i);
    if (isJsonWhitespace(c)) {
      i++;
      continue;
    }
    if (depth === 1 && itemStart < 0 && c !== CLOSE_BRACKET && c !== COMMA) {
      itemStart = i;
    }
    if (c === QUOTE) {
      const after = skipString(text, i, end);
      if (after < 0) {
        return undefined;
      }
      i = after;
      lastNonWs = i - 1;
      let k = i;
      while (k < end && isJsonWhitespace(text.charCodeAt(k))) {
        k++;
      }
      if (text.charCodeAt(k) === COLON) {
        keyCount++;
      }
      continue;
    }
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth++;
      if (depth - 1 > itemDepth) {
        itemDepth = depth - 1;
      }
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
      if (depth === 0) {
        if (c !== CLOSE_BRACKET) {
          return undefined;
        }
        const hadItem = closeItem();
        if (sawComma && !hadItem) {
          return undefined; // trailing comma
        }
        for (let k = i + 1; k < end; k++) {
          if (!isJsonWhitespace(text.charCodeAt(k))) {
            return undefined; // text after the array
          }
        }
        return items;
      }
    } else if (c === COMMA && depth === 1) {
      if (!closeItem()) {
        return undefined; // empty item
      }
      sawComma = true;
      i++;
      continue;
    }
    lastNonWs = i;
    i++;
  }
  return undefined; // unterminated array
}
