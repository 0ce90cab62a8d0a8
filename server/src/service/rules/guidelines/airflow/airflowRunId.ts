/**
 * IR101 airflow-run-id: an airflow record must name the DAG and the exact
 * run, `dag_id` and `dag_run_id`.
 *
 * Why: the seed's guideline for DAG issues, "Always include `dag_id` and
 * `dag_run_id` for precise targeting". Every Airflow action (clear, kill,
 * mark success) targets one run; without the run id the agent cannot learn
 * which run it acted on.
 *
 * When `dag_run_id` is missing and `execution_date` is a valid timestamp,
 * `data.suggestedRunId` carries `scheduled__<execution_date>` (the id Airflow
 * gives scheduled runs) for the quick fix.
 *
 * Bad:  `"metadata": { "dag_id": "billing_nightly", "execution_date": "2024-03-14T02:00:00+00:00" }`
 * Good: `"metadata": { "dag_id": "billing_nightly", "dag_run_id": "scheduled__2024-03-14T02:00:00+00:00", … }`
 */
import type { RecordRule } from '../../ruleTypes';
import { METADATA, field, instantAt, missingFields, reportMissing, valueAt } from '../../ruleHelpers';

const FIELDS = [field('dag_id'), field('dag_run_id')];

export const airflowRunId: RecordRule = {
  code: 'IR101',
  services: ['airflow'],
  check(ctx) {
    const missing = missingFields(ctx, METADATA, FIELDS);
    if (!missing?.length) {
      return;
    }
    const executionPath = [...METADATA, 'execution_date'];
    const executionDate = valueAt(ctx.record, executionPath);
    const runIdMissing = missing.some((m) => m.path[m.path.length - 1] === 'dag_run_id');
    const canSuggest = runIdMissing && typeof executionDate === 'string' && instantAt(ctx, executionPath) !== undefined;
    reportMissing(ctx, {
      code: 'IR101',
      base: METADATA,
      missing,
      message: (names, it) =>
        `Airflow record lacks ${names}: add ${it} so the agent can target the exact DAG run` +
        (canSuggest ? '; a scheduled run\'s id is scheduled__ followed by its execution_date' : '') +
        ' (guideline: always include dag_id and dag_run_id for precise targeting).',
      data: canSuggest ? { suggestedRunId: `scheduled__${executionDate}` } : undefined,
    });
  },
};
