/**
 * For a node that carries a diagnostic, the hover explains the rule behind
 * it: code, name, severity, what the rule checks and a link to its
 * documentation. The diagnostic's own message already says what is wrong
 * here; this says why the rule exists. The record is checked again (one
 * record, cheap) so the hover never depends on diagnostics having been
 * published first.
 */
import { ruleDocUrl, ruleInfo } from '../../../../common/diagnosticCodes';
import type { ActionCatalog } from '../catalog';
import { SeverityResolver, defaultSeverities } from '../documentChecker';
import { checkRecord } from '../recordChecker';
import { linkRuleCodes } from './markdown';

export interface DiagnosticNoteOptions {
  readonly index: number;
  readonly inDataset: boolean;
  readonly now: number;
  readonly severityOf?: SeverityResolver;
  readonly catalog?: ActionCatalog;
}

/** Explanations of the rules whose diagnostics cover record-relative `offset`, one per code. */
export function diagnosticNotes(recordText: string, offset: number, options: DiagnosticNoteOptions): string[] {
  const result = checkRecord(recordText, options.index, { inDataset: options.inDataset, now: options.now, catalog: options.catalog });
  const severityOf = options.severityOf ?? defaultSeverities;
  const seen = new Set<string>();
  const notes: string[] = [];
  for (const problem of result.problems) {
    if (offset < problem.start || offset > problem.end || seen.has(problem.code)) {
      continue;
    }
    seen.add(problem.code);
    const severity = severityOf(problem.code);
    const info = ruleInfo(problem.code);
    if (severity === 'off' || !info) {
      continue;
    }
    notes.push(`**${info.code}** ${info.name} · ${severity}  \n${linkRuleCodes(info.summary)} [Rule documentation](${ruleDocUrl(info.code)})`);
  }
  return notes;
}
