/**
 * IR102 airflow-task-context: an airflow record should say which task failed
 * and what surrounds it: `task_id`, `error_details.task_dependencies` and
 * `error_details.downstream_tasks_affected`.
 *
 * Why: the seed's guideline for DAG issues, "Capture task context including
 * dependencies and downstream impact". The agent decides between clearing
 * upstream, skipping or marking a task from these lists. An empty list is a
 * valid answer (a root task has no dependencies), so only absent lists count.
 *
 * Bad:  `"error_details": { "retry_count": 1 }`
 * Good: `"error_details": { "task_dependencies": ["extract_invoices"], "downstream_tasks_affected": ["publish_ledger"] }`
 */
import type { RecordRule } from '../../ruleTypes';
import { checkMetadataFields, field } from '../../ruleHelpers';

const FIELDS = [field('task_id'), field('error_details.task_dependencies'), field('error_details.downstream_tasks_affected')];

export const airflowTaskContext: RecordRule = {
  code: 'IR102',
  services: ['airflow'],
  check(ctx) {
    checkMetadataFields(
      ctx,
      'IR102',
      FIELDS,
      (names, it) =>
        `Airflow record lacks ${names}: add ${it} so the agent knows the failed task, what it waits on and what it blocks (guideline: capture task context including dependencies and downstream impact).`,
    );
  },
};
