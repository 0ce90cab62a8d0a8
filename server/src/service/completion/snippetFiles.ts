/**
 * The contents of `snippets/incident-json.code-snippets` and
 * `snippets/incident-jsonl.code-snippets`, generated from the schema by
 * `npm run generate:snippets` (scripts/generate-snippets.mjs). A unit test
 * fails when the committed files differ from what this produces, so the
 * snippets follow every schema change.
 *
 * Prefixes start with `ir-` so they never mix with other JSON snippets; the
 * files are contributed for the product's two languages only. In the JSON
 * Lines file every body is a single line, because a record is one line.
 */
import { SERVICES, ServiceName } from '../catalog';
import { failureAnalysisSkeleton, genericActionSkeleton, recordSkeleton } from './skeletons';
import { SnippetNode, renderMembers, renderSnippet } from './snippetText';

export const SNIPPET_FILES = {
  json: 'snippets/incident-json.code-snippets',
  jsonl: 'snippets/incident-jsonl.code-snippets',
} as const;

/** The prefix of the whole-record skeleton of a service. */
export const recordSnippetPrefix = (service: ServiceName): string => `ir-${service}`;

/** The name of that snippet; the New Record command (client/src/newRecord.ts) finds the skeletons by it. */
export const recordSnippetName = (service: ServiceName): string => `Incident record: ${service}`;

const SERVICE_TITLES: Readonly<Record<ServiceName, string>> = {
  airflow: 'Airflow DAG',
  database: 'database connection',
  spark: 'Spark application',
  kubernetes: 'Kubernetes pod/container',
  disk: 'disk/storage',
};

interface SnippetEntry {
  readonly prefix: string;
  readonly description: string;
  readonly body: string[];
}

const HEADER = '// Generated from schemas/incident-record.schema.json by `npm run generate:snippets`. Do not edit by hand.\n';

function renderOptions(format: 'json' | 'jsonl') {
  return { snippet: true, layout: format === 'json' ? 'pretty' : 'inline', indentUnit: '\t', spacing: 'compact', now: 'variables' } as const;
}

function body(node: SnippetNode, format: 'json' | 'jsonl'): string[] {
  return renderSnippet(node, renderOptions(format)).text.split('\n');
}

/** The failure analysis as the member it is inserted as, inside `learning_feedback`. */
function failureAnalysisMember(format: 'json' | 'jsonl'): string[] {
  return renderMembers([['failure_analysis', failureAnalysisSkeleton()]], renderOptions(format)).text.split('\n');
}

function entries(format: 'json' | 'jsonl'): Record<string, SnippetEntry> {
  const result: Record<string, SnippetEntry> = {};
  for (const service of SERVICES) {
    result[recordSnippetName(service)] = {
      prefix: recordSnippetPrefix(service),
      description: `A whole ${SERVICE_TITLES[service]} incident record: every field of the seed and every ${service} guideline field, with a tab stop per value. Add actions in actions_taken by completion.`,
      body: body(recordSkeleton(service), format),
    };
  }
  result['Incident action'] = {
    prefix: 'ir-action',
    description: 'An action of actions_taken: its type, parameters, result and timestamp. (Completion inside actions_taken pre-fills the parameters from the record.)',
    body: body(genericActionSkeleton(), format),
  };
  result['Incident failure analysis'] = {
    prefix: 'ir-failure-analysis',
    description: 'learning_feedback.failure_analysis, for a record whose resolution failed (success: false).',
    body: failureAnalysisMember(format),
  };
  return result;
}

/** The generated file text per format. */
export function snippetFiles(): Record<keyof typeof SNIPPET_FILES, string> {
  return {
    json: HEADER + JSON.stringify(entries('json'), null, 2) + '\n',
    jsonl: HEADER + JSON.stringify(entries('jsonl'), null, 2) + '\n',
  };
}
