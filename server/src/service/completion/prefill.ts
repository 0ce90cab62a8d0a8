/**
 * Pre-filling action parameters from the record. The schema says where each
 * parameter comes from in its description ("fill from
 * incident.metadata.dag_run_id"), so that sentence is the single source of
 * the mapping: a parameter without one (e.g. the new `max_connections` of
 * `scale_connection_pool`, or the `dag_run_id` of a new run) is never
 * filled, because the record's value would be the wrong one.
 */
import { EffectiveSchema, primaryType } from './schemaAt';
import { RecordFacts, metadataValue } from './recordFacts';

const FILL = /fill from incident\.metadata\.([A-Za-z0-9_.]+)((?:,? or (?:from the record's )?[A-Za-z0-9_]+(?:, [A-Za-z0-9_]+)*(?: or [A-Za-z0-9_]+)?)?)/;

/**
 * The metadata paths to try, in order, for a parameter with this
 * description. Alternatives named after the first path are looked up next to
 * it first and then at the top of the metadata:
 * "fill from incident.metadata.server_hostname, or from the record's
 * airflow_instance, database_host, driver_host or node_name".
 */
export function fillSources(description: string | undefined): string[][] {
  const match = description ? FILL.exec(description) : null;
  if (!match) {
    return [];
  }
  // (?<!\.): a run of dots is tried from its start only, so the scan stays linear.
  const primary = match[1].replace(/(?<!\.)\.+$/, '').split('.');
  const parent = primary.slice(0, -1);
  const sources = [primary];
  const alternatives = match[2]
    .replace(/from the record's/g, '')
    .split(/,|\bor\b/)
    .map((s) => s.trim())
    .filter(Boolean);
  for (const name of alternatives) {
    if (parent.length) {
      sources.push([...parent, name]);
    }
    sources.push([name]);
  }
  return sources;
}

function fits(value: unknown, schema: EffectiveSchema): boolean {
  switch (primaryType(schema)) {
    case 'string':
      return typeof value === 'string' && value.trim() !== '' && (!schema.enum || schema.enum.includes(value));
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    default:
      return false;
  }
}

/** The record's value for a parameter, when the schema names a source and the record has a fitting value there. */
export function prefillValue(description: string | undefined, schema: EffectiveSchema, facts: RecordFacts): { value: unknown; source: string } | undefined {
  for (const path of fillSources(description)) {
    const value = metadataValue(facts, path);
    if (value !== undefined && fits(value, schema)) {
      return { value, source: `incident.metadata.${path.join('.')}` };
    }
  }
  return undefined;
}
