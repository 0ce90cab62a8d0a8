/**
 * IR206 action-service-mismatch: every action must belong to a family the
 * record's service may use: Airflow + System for airflow, Database + System
 * for database, Spark + System for spark, Kubernetes + System for
 * kubernetes, System only for disk.
 *
 * Why: the seed groups its action catalogue by service ("Airflow Actions",
 * "Database Actions", …, "System Actions"); a `restart_pod` in an airflow
 * record teaches the agent to answer a DAG failure with a Kubernetes action.
 *
 * Unknown action types are IR009's and unknown services IR008's, so both are
 * skipped. Reported on the action's `action` value.
 *
 * Bad:  `"service": "airflow"` with `{ "action": "restart_pod", … }`
 * Good: `"service": "airflow"` with `{ "action": "clear_dag_run", … }` or `{ "action": "restart_service", … }`
 */
import { FAMILY_LABELS, SERVICE_FAMILIES, familyLabel } from '../../catalog';
import { toPointer } from '../../problems';
import type { RecordRule } from '../ruleTypes';
import { actionsOf, listAnd } from '../ruleHelpers';

const article = (word: string): string => (/^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`);

export const actionServiceMismatch: RecordRule = {
  code: 'IR206',
  check(ctx) {
    const service = ctx.service;
    if (!service) {
      return;
    }
    const allowed = SERVICE_FAMILIES[service];
    const allowedLabels = listAnd(allowed.map((f) => FAMILY_LABELS[f]));
    for (const [index, action] of actionsOf(ctx)) {
      const info = typeof action.action === 'string' ? ctx.catalog.get(action.action) : undefined;
      if (!info || ctx.catalog.allowedIn(service, info)) {
        continue;
      }
      const path = ['actions_taken', index, 'action'];
      ctx.report({
        code: 'IR206',
        message:
          (info.family
            ? `${info.type} is ${article(familyLabel(info))} action, but this is ${article(service)} incident: ${service} records use ${allowedLabels} actions.`
            : `${info.type} is declared for ${listAnd([...info.services])} records, but this is ${article(service)} incident.`) +
          ' Record the action with an incident of its own service, or correct incident.service.',
        path,
        target: 'value',
        data: { pointer: toPointer(path), family: info.family, service, allowedFamilies: [...allowed] },
      });
    }
  },
};
