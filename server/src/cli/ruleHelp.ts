/**
 * Each rule's documentation (its section of docs/rules.md, embedded in the
 * bundle at build time) as help for code-scanning tools: Markdown as
 * written, and the same as plain text.
 */
import rulesMarkdown from '../../../docs/rules.md';

export interface RuleHelp {
  readonly markdown: string;
  readonly text: string;
}

let sections: Map<string, string> | undefined;

/** The sections of docs/rules.md by code: from its `## IR… name` heading to the next anchor, heading or rule. */
function parseSections(markdown: string): Map<string, string> {
  const out = new Map<string, string>();
  const lines = markdown.split(/\r?\n/);
  let code: string | undefined;
  let body: string[] = [];
  const close = () => {
    if (code) {
      out.set(code, body.join('\n').trim());
    }
    code = undefined;
    body = [];
  };
  for (const line of lines) {
    const heading = /^## (IR\d{3})\b/.exec(line);
    if (heading) {
      close();
      code = heading[1];
    } else if (/^(## |<a id=|---\s*$)/.test(line)) {
      close();
    } else if (code) {
      body.push(line);
    }
  }
  close();
  return out;
}

/** Markdown to plain text, for readers that show no Markdown: no emphasis, no code fences. */
function plain(markdown: string): string {
  return markdown
    .replace(/^```\w*\s*$/gm, '')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/\*([^*\s][^*]*)\*/g, '$1')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]+\)/g, '$1')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The documentation of a rule, or undefined for a code docs/rules.md does not describe. */
export function ruleHelp(code: string): RuleHelp | undefined {
  sections ??= parseSections(rulesMarkdown);
  const markdown = sections.get(code);
  return markdown ? { markdown, text: plain(markdown) } : undefined;
}
