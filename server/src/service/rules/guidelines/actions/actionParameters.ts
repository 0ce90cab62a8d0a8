/**
 * How an action's parameters name what it acts on. The seed names no
 * parameters: the catalogue's documented ones (metadata field names) are a
 * vocabulary, and a record may use the names the systems' own tools use
 * (`host`, `pod`, `run_id`…). Shared by IR161 and IR162.
 */
import type { ActionInfo, ParameterInfo } from '../../../catalog';
import { fillSources } from '../../../completion/prefill';
import type { JsonObject, RuleContext } from '../../ruleTypes';
import { METADATA, isObject, valueAt } from '../../ruleHelpers';

/** A parameter as the record gives it: the catalogue parameter it stands for, under which name. */
export interface GivenParameter {
  readonly parameter: ParameterInfo;
  readonly name: string;
  readonly value: unknown;
}

/** Whether a value says something: not null, not blank, not an empty list or object. */
export function isGiven(value: unknown): boolean {
  if (value === null || value === undefined) {
    return false;
  }
  if (typeof value === 'string') {
    return value.trim() !== '';
  }
  if (Array.isArray(value)) {
    return value.length > 0;
  }
  return !isObject(value) || Object.keys(value).length > 0;
}

/** The documented parameters an action's `parameters` give, by catalogue name; the catalogue's own name wins over an alias. */
export function givenParameters(ctx: RuleContext, info: ActionInfo, parameters: JsonObject): Map<string, GivenParameter> {
  const given = new Map<string, GivenParameter>();
  for (const [name, value] of Object.entries(parameters)) {
    const parameter = ctx.catalog.parameter(info, name);
    if (!parameter || !isGiven(value)) {
      continue;
    }
    const current = given.get(parameter.name);
    if (!current || name === parameter.name) {
      given.set(parameter.name, { parameter, name, value });
    }
  }
  return given;
}

/**
 * The record's value for a scope parameter the action does not name: the
 * metadata field the schema says it is filled from ("fill from
 * incident.metadata.server_hostname, or from the record's airflow_instance,
 * …"), else the metadata field of the same name.
 */
export function fromRecord(ctx: RuleContext, info: ActionInfo, name: string): unknown {
  const parameter = info.parameters.find((p) => p.name === name);
  const sources = fillSources(parameter?.description);
  for (const path of sources.length ? sources : [[name]]) {
    const value = valueAt(ctx.record, [...METADATA, ...path]);
    if (isGiven(value) && typeof value !== 'object') {
      return value;
    }
  }
  return undefined;
}
