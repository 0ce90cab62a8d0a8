/**
 * The only way the webview creates elements: every text goes through
 * `textContent` (or a text node), never through HTML parsing, so record text
 * such as `<img src=x onerror=…>` stays text.
 */

type Child = Node | string | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  for (const child of children) {
    if (child === undefined || child === false) {
      continue;
    }
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

/** An element with only text in it. */
export function text<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, value: string): HTMLElementTagNameMap[K] {
  const node = el(tag, className);
  node.textContent = value;
  return node;
}

/** A decorative element that screen readers skip (the same fact is in the accessible text). */
export function decoration<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, value: string): HTMLElementTagNameMap[K] {
  const node = text(tag, className, value);
  node.setAttribute('aria-hidden', 'true');
  return node;
}
