/**
 * IR161 action-target-missing: an action must identify what it acts on —
 * the pod it restarts, the DAG run it clears, the filesystem it cleans —
 * under the catalogue's parameter name or any name the systems' own tools
 * use for it (`pod` or `pod_name`, `run_id` or `dag_run_id`, `host` or
 * `server_hostname`).
 *
 * Why: the seed's guidelines ask for identifiers "for precise targeting";
 * an action whose target is not recorded cannot be replayed or learned from.
 * Each action type lists the ways it can be targeted (restart_pod: a pod, or
 * a deployment's pods; clear_dag_run: a run by dag_run_id or by its
 * execution_date). A scope the record's metadata gives (the pod's namespace,
 * the DAG of a task, the host of a system action) need not be repeated in
 * every action. Only when every way is missing is this reported.
 *
 * Reported on the action's `parameters` key, with the parameters to insert
 * (filled from the metadata by the quick fix) in `data.missing`.
 *
 * Bad:  `{ "action": "restart_pod", "parameters": { "grace_period_seconds": 30 }, … }`
 * Good: `{ "action": "restart_pod", "parameters": { "pod": "checkout-api-7d9c-x2x9q" }, … }` (namespace from the metadata)
 */
import type { ActionInfo } from '../../../catalog';
import { toPointer } from '../../../problems';
import type { RecordRule, RuleContext } from '../../ruleTypes';
import { actionLabel, actionsOf, isObject, listAnd, schemaReported } from '../../ruleHelpers';
import { fromRecord, givenParameters } from './actionParameters';

interface Alternative {
  readonly slots: readonly string[];
  readonly missing: readonly string[];
}

/** "pod_name (or pod, pod_id)" */
function named(info: ActionInfo, name: string): string {
  const aliases = info.parameters.find((p) => p.name === name)?.aliases ?? [];
  const shown = aliases.filter((a) => /^[a-z][a-z0-9_]*$/.test(a)).slice(0, 3);
  return shown.length ? `${name} (or ${shown.join(', ')})` : name;
}

export const actionTargetMissing: RecordRule = {
  code: 'IR161',
  check(ctx: RuleContext) {
    for (const [index, action] of actionsOf(ctx)) {
      const info = typeof action.action === 'string' ? ctx.catalog.get(action.action) : undefined;
      const path = ['actions_taken', index, 'parameters'];
      const parameters = action.parameters;
      if (!info || info.targets.length === 0 || !isObject(parameters) || schemaReported(ctx, path)) {
        continue;
      }
      const given = givenParameters(ctx, info, parameters);
      const known = (slot: string) => given.has(slot) || (info.scope.has(slot) && fromRecord(ctx, info, slot) !== undefined);
      // Almost every action names its target: say so before building anything for a message.
      if (info.targets.some((slots) => slots.every(known)) || info.identifiedBy.some((slots) => slots.every(known))) {
        continue;
      }
      const alternatives: Alternative[] = [...info.targets, ...info.identifiedBy].map((slots) => ({
        slots,
        missing: slots.filter((slot) => !known(slot)),
      }));
      const best = alternatives.reduce((a, b) => (b.missing.length < a.missing.length ? b : a));
      const others = alternatives.filter((a) => a !== best).map((a) => listAnd(a.missing.map((m) => named(info, m))));
      const label = actionLabel(index, action, (type) => ctx.catalog.has(type));
      const object = best.missing.map((m) => named(info, m));
      ctx.report({
        code: 'IR161',
        message:
          `${label} does not say what it acts on: the agent could not target it without ${listAnd(object)}` +
          `${others.length ? `, or ${others.join(', or ')}` : ''}. Add the parameter under any of these names ` +
          '(guideline: precise targeting).',
        path,
        target: 'missing',
        data: { pointer: toPointer(path), missing: [...best.missing], actionType: info.type },
      });
    }
  },
};
