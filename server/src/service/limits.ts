/**
 * Reduced checks for files the full pipeline should not take on: binary
 * files (reported, not parsed) and files above the size limit (JSON syntax
 * only, with `JSON.parse`, which needs no position tree).
 */
import { Diagnostic, DiagnosticSeverity, Position } from 'vscode-languageserver-types';
import { DIAGNOSTIC_SOURCE, ruleDocUrl } from '../../../common/diagnosticCodes';
import { DocumentFormat, splitLines } from './parsing/recordSpans';

/** How much of the start of a file is looked at to tell whether it is binary. */
export const SNIFF_LENGTH = 8192;

/**
 * A text is binary when its start has a NUL character (never valid in JSON
 * text: inside strings it must be escaped) or is mostly replacement
 * characters from bytes that were not UTF-8.
 */
export function looksBinary(text: string): boolean {
  const head = text.length > SNIFF_LENGTH ? text.slice(0, SNIFF_LENGTH) : text;
  if (head.includes('\u0000')) {
    return true;
  }
  let replacements = 0;
  for (let i = head.indexOf('\uFFFD'); i >= 0; i = head.indexOf('\uFFFD', i + 1)) {
    replacements++;
  }
  return head.length > 64 && replacements > head.length / 10;
}

/** Offset of a `JSON.parse` error ("… in JSON at position 123"), when V8 gives one. */
function errorOffset(error: unknown): number | undefined {
  const match = /at position (\d+)/.exec(error instanceof Error ? error.message : '');
  return match ? Number(match[1]) : undefined;
}

function syntaxDiagnostic(message: string, start: Position, end: Position): Diagnostic {
  return {
    range: { start, end },
    severity: DiagnosticSeverity.Error,
    code: 'IR001',
    codeDescription: { href: ruleDocUrl('IR001') },
    source: DIAGNOSTIC_SOURCE,
    message,
  };
}

const MAX_SYNTAX_DIAGNOSTICS = 1000;

/** JSON syntax errors only: one per broken line in JSON Lines, the first one in a JSON file. */
export function checkSyntaxOnly(text: string, format: DocumentFormat, positionAt: (offset: number) => Position): Diagnostic[] {
  const out: Diagnostic[] = [];
  const spans = format === 'jsonl' ? splitLines(text) : [{ start: 0, end: text.length }];
  for (const span of spans) {
    if (out.length >= MAX_SYNTAX_DIAGNOSTICS) {
      break;
    }
    try {
      JSON.parse(text.slice(span.start, span.end));
    } catch (error) {
      const at = span.start + Math.min(errorOffset(error) ?? 0, span.end - span.start);
      // V8's message may quote the text around the error (which could hold a secret): keep only its plain wording.
      const reason = error instanceof Error ? error.message.replace(/ in JSON at position \d+.*$/s, '') : '';
      const message = reason && !reason.includes('"') ? `Invalid JSON: ${reason}.` : 'Invalid JSON.';
      out.push(syntaxDiagnostic(message, positionAt(at), positionAt(Math.min(at + 1, text.length))));
    }
  }
  return out;
}
