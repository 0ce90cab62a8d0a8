/**
 * IR162 parameter-name (a hint): a documented parameter given under another
 * name than the catalogue's (`host` for `server_hostname`, `pod` for
 * `pod_name`, `run_id` for `dag_run_id`).
 *
 * Why: every name the systems' tools use is accepted, so this is no
 * problem; a team that wants one vocabulary across its dataset (the names
 * the record's metadata uses, which completion and the agent fill from) can
 * have it in one step: the quick fix renames the parameter, and fix-all
 * renames every one in the file. An alias is not reported when the
 * catalogue's name is given too (they are then two parameters).
 *
 * Reported on the parameter's key.
 *
 * Bad:  `{ "action": "clean_disk_space", "parameters": { "host": "web-03", "path": "/var/log" } }`
 * Good: `{ "action": "clean_disk_space", "parameters": { "server_hostname": "web-03", "filesystem_path": "/var/log" } }`
 */
import { toPointer } from '../../../problems';
import { shownKey } from '../../../util/text';
import type { RecordRule } from '../../ruleTypes';
import { actionsOf, isObject, schemaReported } from '../../ruleHelpers';

export const parameterName: RecordRule = {
  code: 'IR162',
  check(ctx) {
    for (const [index, action] of actionsOf(ctx)) {
      const info = typeof action.action === 'string' ? ctx.catalog.get(action.action) : undefined;
      const parameters = action.parameters;
      if (!info || !isObject(parameters)) {
        continue;
      }
      for (const name of Object.keys(parameters)) {
        const parameter = ctx.catalog.parameter(info, name);
        if (!parameter || parameter.name === name || Object.prototype.hasOwnProperty.call(parameters, parameter.name)) {
          continue;
        }
        const path = ['actions_taken', index, 'parameters', name];
        if (schemaReported(ctx, path)) {
          continue;
        }
        ctx.report({
          code: 'IR162',
          message: `"${shownKey(name)}" is ${info.type}'s ${parameter.name}: rename it to ${parameter.name}, the name the record's metadata and the catalogue use, for one vocabulary across the dataset.`,
          path,
          target: 'key',
          data: { pointer: toPointer(path), property: name, rename: parameter.name },
        });
      }
    }
  },
};
