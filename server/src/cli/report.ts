/**
 * The CLI's report: the SPEC's JSON shape, the human text format and SARIF 2.1.0.
 */
import { SarifBuilder, SarifResultBuilder, SarifRuleBuilder, SarifRunBuilder } from 'node-sarif-builder';
import { RULES, Severity, ruleDocUrl } from '../../../common/diagnosticCodes';

export interface ReportDiagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly range: { readonly start: { line: number; character: number }; readonly end: { line: number; character: number } };
}

export interface FileReport {
  readonly path: string;
  readonly diagnostics: ReportDiagnostic[];
}

export interface Summary {
  readonly files: number;
  readonly errors: number;
  readonly warnings: number;
  readonly information: number;
}

export interface Report {
  readonly files: FileReport[];
  readonly summary: Summary;
}

export function summarize(files: readonly FileReport[], fileCount = files.length): Summary {
  let errors = 0;
  let warnings = 0;
  let information = 0;
  for (const file of files) {
    for (const d of file.diagnostics) {
      if (d.severity === 'error') {
        errors++;
      } else if (d.severity === 'warning') {
        warnings++;
      } else if (d.severity === 'information') {
        information++;
      }
    }
  }
  return { files: fileCount, errors, warnings, information };
}

export function formatJson(report: Report): string {
  return JSON.stringify(report);
}

const COLORS = { error: '\x1b[31m', warning: '\x1b[33m', information: '\x1b[36m', hint: '\x1b[2m', reset: '\x1b[0m', dim: '\x1b[2m', bold: '\x1b[1m' };

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : word === 'information' ? '' : 's'}`;
}

export function formatText(report: Report, color: boolean, extra: readonly string[] = []): string {
  const c = (name: keyof typeof COLORS, s: string): string => (color ? COLORS[name] + s + COLORS.reset : s);
  const lines: string[] = [];
  for (const file of report.files) {
    for (const d of file.diagnostics) {
      const where = `${file.path}:${d.range.start.line + 1}:${d.range.start.character + 1}`;
      lines.push(`${c('bold', where)}: ${c(d.severity, d.severity)} ${c('dim', d.code)} ${d.message}`);
    }
  }
  lines.push(...extra);
  const { errors, warnings, information, files } = report.summary;
  const total = errors + warnings + information;
  const counts = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${plural(information, 'information')}`;
  lines.push(total === 0 ? `No problems in ${plural(files, 'file')}.` : `${plural(total, 'problem')} (${counts}) in ${plural(files, 'file')}.`);
  return lines.join('\n');
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export function formatSarif(report: Report, version: string): string {
  const builder = new SarifBuilder();
  const run = new SarifRunBuilder().initSimple({
    toolDriverName: 'incident-records',
    toolDriverVersion: version,
    url: 'https://github.com/incident-records/incident-records',
  });
  for (const rule of RULES) {
    run.addRule(
      new SarifRuleBuilder().initSimple({
        ruleId: rule.code,
        shortDescriptionText: rule.name,
        fullDescriptionText: rule.summary,
        helpUri: ruleDocUrl(rule.code),
      }),
    );
  }
  for (const file of report.files) {
    for (const d of file.diagnostics) {
      run.addResult(
        new SarifResultBuilder().initSimple({
          level: LEVEL[d.severity],
          messageText: d.message,
          ruleId: d.code,
          fileUri: file.path === '-' ? 'stdin' : file.path.replace(/\\/g, '/'),
          startLine: d.range.start.line + 1,
          startColumn: d.range.start.character + 1,
          endLine: d.range.end.line + 1,
          endColumn: d.range.end.character + 1,
        }),
      );
    }
  }
  builder.addRun(run);
  return builder.buildSarifJsonString({ indent: true });
}
