/**
 * `--format sarif`: SARIF 2.1.0 for code-scanning tools (GitHub code
 * scanning and any SARIF viewer), valid by the official validator
 * (`sarif-multitool validate`, run by the tests).
 *
 * - Rules carry their metadata: a Pascal-case name, short and full
 *   descriptions, the rule's documentation as help (text and Markdown, from
 *   docs/rules.md), its help URI, default level and tags.
 * - Results name their file by a URI relative to `%SRCROOT%` (the folder the
 *   CLI ran in, given in `originalUriBaseIds`), so uploads from any checkout
 *   match the repository; a file outside that folder gets an absolute URI.
 * - Regions are 1-based lines and UTF-16 columns (`columnKind`), on the
 *   exact node, as GitHub annotates them.
 * - `partialFingerprints["incidentRecords/v1"]` is a hash of the finding's
 *   identity (file, record identity, code, location in the record, and its
 *   ordinal among equal keys; see service/baseline): it stays the same when
 *   records are inserted, removed or reordered, so an alert keeps its
 *   identity across runs.
 * - No snippets, context regions or embedded file contents: records may hold
 *   credentials, and the CLI never repeats them.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log, ReportingDescriptor, Result, Run } from 'sarif';
import { RULES, RuleInfo, Severity, ruleDocUrl } from '../../../common/diagnosticCodes';
import type { Report } from './report';
import { sha256 } from './hash';
import { ruleHelp } from './ruleHelp';

export const SRCROOT = '%SRCROOT%';
export const FINGERPRINT = 'incidentRecords/v1';
const INFORMATION_URI = 'https://github.com/incident-records/incident-records';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** `airflow-run-id` → `AirflowRunId` (SARIF's friendly names are Pascal-case identifiers). */
export function pascalName(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => (/^k8s$/i.test(word) ? 'K8s' : /^db$/i.test(word) ? 'Db' : word[0].toUpperCase() + word.slice(1)))
    .join('');
}

const plain = (markdown: string): string => markdown.replace(/`([^`]+)`/g, '$1');

function ruleDescriptor(rule: RuleInfo): ReportingDescriptor {
  const help = ruleHelp(rule.code);
  const firstParagraph = help?.markdown.split(/\n\s*\n/)[0].replace(/\s*\n\s*/g, ' ');
  const security = rule.family === 'secret' || rule.code === 'IR112';
  return {
    id: rule.code,
    name: pascalName(rule.name),
    shortDescription: { text: plain(rule.summary), markdown: rule.summary },
    fullDescription: firstParagraph ? { text: plain(firstParagraph.replace(/\*\*/g, '')), markdown: firstParagraph } : { text: plain(rule.summary) },
    help: help ? { text: `${help.text}\n\n${ruleDocUrl(rule.code)}`, markdown: help.markdown } : { text: `${plain(rule.summary)} ${ruleDocUrl(rule.code)}` },
    helpUri: ruleDocUrl(rule.code),
    defaultConfiguration: { level: LEVEL[rule.defaultSeverity] },
    properties: {
      tags: security ? ['incident-records', rule.family, 'security'] : ['incident-records', rule.family],
      // GitHub ranks security alerts by this score: a leaked credential is high.
      ...(security ? { 'security-severity': '8.0' } : {}),
    },
  };
}

/** A file's artifact location: relative to %SRCROOT% when inside it, else an absolute file URI. */
function artifactLocation(absolutePath: string, cwd: string): { uri: string; uriBaseId?: string } {
  if (absolutePath === '-') {
    return { uri: 'stdin' };
  }
  const relative = path.relative(cwd, absolutePath);
  if (relative && !relative.startsWith('..') && !path.isAbsolute(relative)) {
    return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
  }
  return { uri: pathToFileURL(absolutePath).href };
}

export function formatSarif(report: Report, version: string, cwd: string): string {
  const ruleIndex = new Map(RULES.map((r, i) => [r.code, i]));
  const results: Result[] = [];
  for (const file of report.files) {
    const location = artifactLocation(file.absolutePath ?? path.resolve(cwd, file.path), cwd);
    const ordinals = new Map<string, number>();
    for (const d of file.diagnostics) {
      const key = `${location.uri}\u0000${d.finding?.identity ?? '-'}\u0000${d.code}\u0000${d.finding?.at ?? d.message}`;
      const ordinal = ordinals.get(key) ?? 0;
      ordinals.set(key, ordinal + 1);
      const index = ruleIndex.get(d.code);
      results.push({
        ruleId: d.code,
        ...(index !== undefined ? { ruleIndex: index } : {}),
        level: LEVEL[d.severity],
        message: { text: d.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: location,
              region: {
                startLine: d.range.start.line + 1,
                startColumn: d.range.start.character + 1,
                endLine: d.range.end.line + 1,
                endColumn: d.range.end.character + 1,
              },
            },
          },
        ],
        partialFingerprints: { [FINGERPRINT]: sha256(`${key}\u0000${ordinal}`).slice(0, 32) },
      });
    }
  }
  const root = pathToFileURL(cwd).href;
  const run: Run = {
    tool: {
      driver: {
        name: 'incident-records',
        version,
        semanticVersion: version,
        informationUri: INFORMATION_URI,
        rules: RULES.map(ruleDescriptor),
      },
    },
    originalUriBaseIds: { [SRCROOT]: { uri: root.endsWith('/') ? root : `${root}/` } },
    columnKind: 'utf16CodeUnits',
    results,
  };
  const log: Log = { $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [run] };
  return JSON.stringify(log, null, 2);
}
