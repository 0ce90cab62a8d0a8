/**
 * The rule catalogue: every diagnostic the product reports carries one of
 * these codes. Shared by the core, the server, the CLI and the client.
 * No `vscode` and no LSP transport here.
 */

export const DIAGNOSTIC_SOURCE = 'incident-records';

/** Where the rule documentation lives; each code has an anchor on that page. */
export const RULES_DOC_URL = 'https://github.com/incident-records/incident-records/blob/main/docs/rules.md';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';

export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['error', 'warning', 'information', 'hint', 'off'];

export type RuleFamily = 'schema' | 'guideline' | 'consistency' | 'secret' | 'dataset' | 'product';

export interface RuleInfo {
  readonly code: string;
  readonly name: string;
  readonly family: RuleFamily;
  readonly defaultSeverity: Severity;
  /** One sentence: what the rule checks. Used in hovers and SARIF rule metadata. */
  readonly summary: string;
}

function rule(code: string, name: string, family: RuleFamily, defaultSeverity: Severity, summary: string): RuleInfo {
  return { code, name, family, defaultSeverity, summary };
}

export const RULES: readonly RuleInfo[] = [
  rule('IR000', 'file-limits', 'product', 'information', 'Checking was limited: the file is too large or binary, or its configuration has problems.'),
  rule('IR001', 'syntax', 'schema', 'error', 'The text is not valid JSON (per line in JSON Lines).'),
  rule('IR002', 'required', 'schema', 'error', 'A required property is missing.'),
  rule('IR003', 'type', 'schema', 'error', 'A value has the wrong JSON type.'),
  rule('IR004', 'enum', 'schema', 'error', 'A value is not one of the allowed values.'),
  rule('IR005', 'format', 'schema', 'error', 'A value is malformed: an ISO 8601 date-time, a memory or CPU quantity, or another format.'),
  rule('IR006', 'range', 'schema', 'error', 'A number is out of range (scores 0–1, percentages 0–100, counts ≥ 0).'),
  rule('IR007', 'unknown-property', 'schema', 'warning', 'A property is not in the schema.'),
  rule('IR008', 'unknown-service', 'schema', 'warning', '`incident.service` is not a known service.'),
  rule('IR009', 'unknown-action', 'schema', 'error', 'An action type is not in the catalogue.'),
  rule('IR010', 'duplicate-key', 'schema', 'error', 'The same key appears twice in one object.'),
  rule('IR101', 'airflow-run-id', 'guideline', 'error', 'An airflow record lacks `dag_id` or `dag_run_id`.'),
  rule('IR102', 'airflow-task-context', 'guideline', 'warning', 'An airflow record lacks `task_id`, `task_dependencies` or `downstream_tasks_affected`.'),
  rule('IR103', 'airflow-timing', 'guideline', 'warning', 'An airflow record lacks `execution_date`, `duration_seconds` or `expected_duration_seconds`.'),
  rule('IR104', 'airflow-worker', 'guideline', 'information', 'An airflow record lacks `airflow_instance`, `worker_log_excerpt` or `last_heartbeat`.'),
  rule('IR111', 'db-pool-config', 'guideline', 'warning', '`connection_pool_name` or a `pool_config` field is missing.'),
  rule('IR112', 'db-connection-string-secret', 'guideline', 'error', '`connection_string` carries a password or credential.'),
  rule('IR113', 'db-connection-string-missing', 'guideline', 'warning', 'A database record has no `connection_string`.'),
  rule('IR114', 'db-affected-services', 'guideline', 'warning', '`affected_services` is missing or empty.'),
  rule('IR115', 'db-timing', 'guideline', 'warning', 'A database record lacks `last_successful_connection`, `timeout_duration` or `failed_attempts_count`.'),
  rule('IR121', 'spark-ids', 'guideline', 'error', 'A spark record lacks `application_id`, or `executor_id` for an executor-side failure.'),
  rule('IR122', 'spark-resources', 'guideline', 'warning', '`resource_config` is missing or incomplete.'),
  rule('IR123', 'spark-data-context', 'guideline', 'warning', '`data_processed` is missing or incomplete.'),
  rule('IR124', 'spark-metrics', 'guideline', 'information', 'A spark record lacks `gc_time_percentage`, `heap_usage_before_oom` or `partition_size_mb`.'),
  rule('IR131', 'k8s-target', 'guideline', 'error', 'A kubernetes record lacks `namespace` or `pod_name`.'),
  rule('IR132', 'k8s-resources', 'guideline', 'warning', 'A kubernetes record lacks `resource_limits`, `resource_requests` or `current_usage`.'),
  rule('IR141', 'disk-usage', 'guideline', 'warning', 'A disk record lacks a total, used or available size, or `usage_percentage`.'),
  rule('IR142', 'disk-growth', 'guideline', 'information', 'A disk record lacks `disk_growth_rate_gb_per_hour`, `estimated_time_to_full` or `largest_directories`.'),
  rule('IR151', 'error-context', 'guideline', 'warning', '`error_details` is missing or empty.'),
  rule('IR161', 'action-target-missing', 'guideline', 'warning', 'An action does not identify its target under any known parameter name.'),
  rule('IR162', 'parameter-name', 'guideline', 'hint', "A documented parameter is given under another name than the catalogue's."),
  rule('IR201', 'failure-analysis-missing', 'consistency', 'error', '`success: false` without `learning_feedback.failure_analysis`.'),
  rule('IR202', 'failure-analysis-unexpected', 'consistency', 'warning', '`success: true` with a failure analysis.'),
  rule('IR203', 'failed-action-without-error', 'consistency', 'warning', 'A failed or partially successful action has no `error`.'),
  rule('IR204', 'actions-out-of-order', 'consistency', 'warning', 'Action timestamps decrease.'),
  rule('IR205', 'resolution-time-mismatch', 'consistency', 'warning', '`resolution_time` is shorter than the span of the actions.'),
  rule('IR206', 'action-service-mismatch', 'consistency', 'warning', "An action belongs to another service's family."),
  rule('IR207', 'success-contradicts-actions', 'consistency', 'warning', '`success` contradicts the results of the actions.'),
  rule('IR208', 'metric-inconsistent', 'consistency', 'warning', 'Numbers in the metadata contradict each other.'),
  rule('IR209', 'future-timestamp', 'consistency', 'warning', 'A timestamp lies in the future.'),
  rule('IR210', 'learning-feedback-inconsistent', 'consistency', 'warning', 'The learning feedback contradicts itself.'),
  rule('IR211', 'placeholder-left', 'consistency', 'warning', 'A skeleton placeholder text is still in the record.'),
  rule('IR301', 'secret', 'secret', 'error', 'Credential-like text appears in a string.'),
  rule('IR401', 'dataset-line', 'dataset', 'error', 'A dataset entry is valid JSON but not an object.'),
  rule('IR402', 'duplicate-record', 'dataset', 'warning', 'The same incident appears twice in one dataset.'),
];

const byCode = new Map<string, RuleInfo>(RULES.map((r) => [r.code, r]));

export function ruleInfo(code: string): RuleInfo | undefined {
  return byCode.get(code);
}

export function isRuleCode(code: string): boolean {
  return byCode.has(code);
}

export function ruleDocUrl(code: string): string {
  return `${RULES_DOC_URL}#${code.toLowerCase()}`;
}
