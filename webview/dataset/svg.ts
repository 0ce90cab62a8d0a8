/**
 * SVG elements made with DOM calls: attributes set one by one, text through
 * `textContent`. Colours come from CSS classes (the CSP allows no inline
 * style), so the theme's variables apply.
 */
const NS = 'http://www.w3.org/2000/svg';

type Attributes = Record<string, string | number | undefined>;

export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: (SVGElement | undefined)[]): SVGElementTagNameMap[K] {
  const node = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined) {
      node.setAttribute(name, String(value));
    }
  }
  for (const child of children) {
    if (child) {
      node.append(child);
    }
  }
  return node;
}

export function svgText(value: string, attributes: Attributes = {}): SVGTextElement {
  const node = svg('text', attributes);
  node.textContent = value;
  return node;
}

/** A tooltip for a shape (also its accessible name inside the picture). */
export function svgTitle(value: string): SVGTitleElement {
  const node = svg('title');
  node.textContent = value;
  return node;
}
