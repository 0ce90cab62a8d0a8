/**
 * Services, action families and the action catalogue, read from the schema so
 * that the schema stays the single source of truth.
 */
import { SchemaNode, deref, schemaDef } from './schema/schemaStore';

export const SERVICES = ['airflow', 'database', 'spark', 'kubernetes', 'disk'] as const;
export type ServiceName = (typeof SERVICES)[number];

export type ActionFamily = 'airflow' | 'database' | 'spark' | 'kubernetes' | 'system';

export const FAMILY_LABELS: Readonly<Record<ActionFamily, string>> = {
  airflow: 'Airflow',
  database: 'Database',
  spark: 'Spark',
  kubernetes: 'Kubernetes',
  system: 'System',
};

/** The action families a service may use (SPEC: "The service discriminator"). */
export const SERVICE_FAMILIES: Readonly<Record<ServiceName, readonly ActionFamily[]>> = {
  airflow: ['airflow', 'system'],
  database: ['database', 'system'],
  spark: ['spark', 'system'],
  kubernetes: ['kubernetes', 'system'],
  disk: ['system'],
};

export function isService(value: unknown): value is ServiceName {
  return typeof value === 'string' && (SERVICES as readonly string[]).includes(value);
}

export interface ParameterInfo {
  readonly name: string;
  readonly required: boolean;
  readonly schema: SchemaNode;
  readonly description: string;
}

export interface ActionInfo {
  readonly type: string;
  readonly family: ActionFamily;
  readonly description: string;
  readonly parameters: readonly ParameterInfo[];
  readonly schema: SchemaNode;
}

let catalog: ReadonlyMap<string, ActionInfo> | undefined;

function familyDefName(family: ActionFamily): string {
  return `${family}Actions`;
}

/** Every action type of the catalogue, keyed by type, in schema order. */
export function actionCatalog(): ReadonlyMap<string, ActionInfo> {
  if (catalog) {
    return catalog;
  }
  const map = new Map<string, ActionInfo>();
  for (const family of Object.keys(FAMILY_LABELS) as ActionFamily[]) {
    const def = schemaDef(familyDefName(family));
    for (const value of def?.enum ?? []) {
      const type = String(value);
      const schema = deref(schemaDef(`action.${type}`)) ?? {};
      const required = new Set(schema.required ?? []);
      const parameters = Object.entries(schema.properties ?? {}).map(([name, sub]) => ({
        name,
        required: required.has(name),
        schema: deref(sub) ?? sub,
        description: sub.description ?? deref(sub)?.description ?? '',
      }));
      map.set(type, { type, family, description: schema.description ?? '', parameters, schema });
    }
  }
  catalog = map;
  return map;
}

export function actionInfo(type: string): ActionInfo | undefined {
  return actionCatalog().get(type);
}

export function actionTypes(): string[] {
  return [...actionCatalog().keys()];
}

/** Whether an action of `family` belongs in a record of `service`. */
export function familyAllowed(service: ServiceName, family: ActionFamily): boolean {
  return SERVICE_FAMILIES[service].includes(family);
}
