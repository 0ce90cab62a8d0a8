/**
 * Services, action families and the action catalogue. The action types,
 * their families, descriptions and documented parameters come from the
 * schema (the single source of truth for structure); how each action
 * identifies its target and what other names its parameters go by come from
 * the vocabulary beside it. A team's own action types, declared in the
 * configuration's `actions` section, join the built-in ones in a catalogue
 * of their own (`ActionCatalog.withDeclared`).
 */
import { SchemaNode, deref, schemaDef } from './schema/schemaStore';
import { ActionVocabulary, vocabulary } from './vocabulary';

export const SERVICES = ['airflow', 'database', 'spark', 'kubernetes', 'disk'] as const;
export type ServiceName = (typeof SERVICES)[number];

export type ActionFamily = 'airflow' | 'database' | 'spark' | 'kubernetes' | 'system';

export const ACTION_FAMILIES: readonly ActionFamily[] = ['airflow', 'database', 'spark', 'kubernetes', 'system'];

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

export function isFamily(value: unknown): value is ActionFamily {
  return typeof value === 'string' && (ACTION_FAMILIES as readonly string[]).includes(value);
}

/** The services whose records may use actions of `family`. */
export function servicesOfFamily(family: ActionFamily): ServiceName[] {
  return SERVICES.filter((service) => SERVICE_FAMILIES[service].includes(family));
}

export interface ParameterInfo {
  readonly name: string;
  /** Whether it identifies the action's target (alone or with others; see `ActionInfo.targets`). */
  readonly target: boolean;
  readonly schema: SchemaNode;
  readonly description: string;
  /** Other names the systems' tools use for it (`host` for `server_hostname`), unambiguous within this action. */
  readonly aliases: readonly string[];
}

export interface ActionInfo {
  readonly type: string;
  /** The family of a built-in action; a declared action without one has `undefined`. */
  readonly family?: ActionFamily;
  /** The services whose records may use it. */
  readonly services: readonly ServiceName[];
  readonly description: string;
  readonly parameters: readonly ParameterInfo[];
  readonly schema: SchemaNode;
  /** Ways to identify the target by metadata fields; each alternative lists parameters that must all be known. Empty: nothing to target. */
  readonly targets: readonly (readonly string[])[];
  /** Other ways to identify it, by parameters that are not metadata fields (a budget's own name, a label selector). */
  readonly identifiedBy: readonly (readonly string[])[];
  /** Target parameters the record's metadata may supply when the action does not name them. */
  readonly scope: ReadonlySet<string>;
  /** The parameters completion inserts. */
  readonly insert: readonly string[];
  /** Action type names people write for this action (`delete_pod` for `restart_pod`). */
  readonly synonyms: readonly string[];
  /** Declared in the configuration rather than built in. */
  readonly declared: boolean;
}

/** A parameter as the configuration declares it. */
export interface DeclaredParameter {
  readonly type?: 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array';
  readonly description?: string;
  readonly target?: boolean;
  readonly aliases?: readonly string[];
}

/** An action type as the configuration declares it. */
export interface DeclaredAction {
  readonly family?: ActionFamily;
  readonly services?: readonly ServiceName[];
  readonly description?: string;
  readonly parameters?: Readonly<Record<string, DeclaredParameter>>;
  /** Target parameters the record's metadata may supply. */
  readonly scope?: readonly string[];
}

/** The configuration's `actions` section: a team's own action types and extra parameter aliases. */
export interface DeclaredActions {
  readonly types: Readonly<Record<string, DeclaredAction>>;
  readonly aliases: Readonly<Record<string, readonly string[]>>;
}

function own<T>(table: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return table && Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

/**
 * Each parameter's aliases for one action: every name the global table, the
 * action's own table and the configuration give it, keeping only names that
 * are not a documented parameter themselves and that point to one parameter
 * of this action (`host` means `database_host` in a database action and
 * `server_hostname` in a system action; it is never ambiguous within one).
 */
function resolveAliases(names: readonly string[], local: Readonly<Record<string, readonly string[]>> | undefined, extra: Readonly<Record<string, readonly string[]>>): Map<string, string[]> {
  const owners = new Map<string, Set<string>>();
  const documented = new Set(names);
  for (const name of names) {
    for (const table of [vocabulary.parameterAliases, local ?? {}, extra]) {
      for (const alias of own(table, name) ?? []) {
        if (!documented.has(alias)) {
          owners.set(alias, (owners.get(alias) ?? new Set()).add(name));
        }
      }
    }
  }
  const out = new Map<string, string[]>(names.map((n) => [n, []]));
  for (const [alias, set] of owners) {
    if (set.size === 1) {
      out.get([...set][0])?.push(alias);
    }
  }
  return out;
}

function targetSet(words: ActionVocabulary): Set<string> {
  return new Set([...words.targets, ...(words.identifiedBy ?? [])].flat());
}

function builtInAction(type: string, family: ActionFamily, extraAliases: DeclaredActions['aliases']): ActionInfo {
  const schema = deref(schemaDef(`action.${type}`)) ?? {};
  const words: ActionVocabulary = own(vocabulary.actions, type) ?? { targets: [] };
  const entries = Object.entries(schema.properties ?? {});
  const aliases = resolveAliases(
    entries.map(([name]) => name),
    words.aliases,
    extraAliases,
  );
  const targets = targetSet(words);
  const parameters = entries.map(([name, sub]) => ({
    name,
    target: targets.has(name),
    schema: deref(sub) ?? sub,
    description: sub.description ?? deref(sub)?.description ?? '',
    aliases: aliases.get(name) ?? [],
  }));
  return {
    type,
    family,
    services: servicesOfFamily(family),
    description: schema.description ?? '',
    parameters,
    schema,
    targets: words.targets,
    identifiedBy: words.identifiedBy ?? [],
    scope: new Set(words.scope ?? []),
    insert: words.insert ?? words.targets[0] ?? [],
    synonyms: words.synonyms ?? [],
    declared: false,
  };
}

let metadataPaths: Map<string, string> | undefined;

/** Where a metadata field of that name lives (`connection_string` → `error_details.connection_string`), any service. */
function metadataPathOf(name: string): string | undefined {
  if (!metadataPaths) {
    metadataPaths = new Map();
    for (const service of SERVICES) {
      const def = deref(schemaDef(`${service}Metadata`));
      for (const [field, sub] of Object.entries(def?.properties ?? {})) {
        if (!metadataPaths.has(field)) {
          metadataPaths.set(field, field);
        }
        for (const inner of Object.keys(deref(sub)?.properties ?? {})) {
          if (!metadataPaths.has(inner)) {
            metadataPaths.set(inner, `${field}.${inner}`);
          }
        }
      }
    }
  }
  return metadataPaths.get(name);
}

function declaredAction(type: string, declared: DeclaredAction, extraAliases: DeclaredActions['aliases']): ActionInfo {
  const params = Object.entries(declared.parameters ?? {});
  const local: Record<string, readonly string[]> = {};
  for (const [name, p] of params) {
    local[name] = p.aliases ?? [];
  }
  const aliases = resolveAliases(
    params.map(([name]) => name),
    local,
    extraAliases,
  );
  const targetNames = params.filter(([, p]) => p.target).map(([name]) => name);
  const parameters = params.map(([name, p]) => {
    // Named after a metadata field, it is filled from the record, as the catalogue's own parameters are.
    const source = metadataPathOf(name);
    const description = [p.description, source ? `(fill from incident.metadata.${source})` : ''].filter(Boolean).join(' ');
    const schema: SchemaNode = { ...(p.type ? { type: p.type } : {}), ...(description ? { description } : {}) };
    return { name, target: p.target === true, schema, description, aliases: aliases.get(name) ?? [] };
  });
  const services = declared.services?.length ? declared.services : declared.family ? servicesOfFamily(declared.family) : [...SERVICES];
  return {
    type,
    family: declared.family,
    services,
    description: declared.description ?? '',
    parameters,
    schema: { type: 'object', properties: Object.fromEntries(parameters.map((p) => [p.name, p.schema])) },
    targets: targetNames.length ? [targetNames] : [],
    identifiedBy: [],
    scope: new Set(declared.scope ?? []),
    insert: targetNames,
    synonyms: [],
    declared: true,
  };
}

/** The action types a record may name, with everything completion, hover and the rules need to know of each. */
export class ActionCatalog {
  private readonly byType = new Map<string, ActionInfo>();
  private readonly aliasIndex = new Map<string, Map<string, ParameterInfo>>();

  constructor(
    actions: Iterable<ActionInfo>,
    /** The declarations it was built from, so that a catalogue can be rebuilt elsewhere (a worker). */
    readonly declared?: DeclaredActions,
  ) {
    for (const info of actions) {
      this.byType.set(info.type, info);
    }
  }

  get(type: string): ActionInfo | undefined {
    return this.byType.get(type);
  }

  has(type: string): boolean {
    return this.byType.has(type);
  }

  /** Action types in catalogue order: built-in ones by family, then declared ones. */
  types(): string[] {
    return [...this.byType.keys()];
  }

  values(): IterableIterator<ActionInfo> {
    return this.byType.values();
  }

  /** Whether a record of `service` may use the action. */
  allowedIn(service: ServiceName, info: ActionInfo): boolean {
    return info.services.includes(service);
  }

  /** The documented parameter a name refers to in an action: itself, or one of its aliases. */
  parameter(info: ActionInfo, name: string): ParameterInfo | undefined {
    let index = this.aliasIndex.get(info.type);
    if (!index) {
      index = new Map();
      for (const p of info.parameters) {
        for (const alias of p.aliases) {
          index.set(alias, p);
        }
      }
      for (const p of info.parameters) {
        index.set(p.name, p);
      }
      this.aliasIndex.set(info.type, index);
    }
    return index.get(name);
  }

  /** This catalogue with a configuration's own action types and aliases added. */
  withDeclared(declared: DeclaredActions | undefined): ActionCatalog {
    if (!declared || (Object.keys(declared.types).length === 0 && Object.keys(declared.aliases).length === 0)) {
      return this;
    }
    const actions: ActionInfo[] = builtInActions(declared.aliases);
    for (const [type, action] of Object.entries(declared.types)) {
      if (!this.byType.has(type) || this.byType.get(type)?.declared) {
        actions.push(declaredAction(type, action, declared.aliases));
      }
    }
    return new ActionCatalog(actions, declared);
  }
}

function builtInActions(extraAliases: DeclaredActions['aliases'] = {}): ActionInfo[] {
  const actions: ActionInfo[] = [];
  for (const family of ACTION_FAMILIES) {
    for (const value of schemaDef(`${family}Actions`)?.enum ?? []) {
      actions.push(builtInAction(String(value), family, extraAliases));
    }
  }
  return actions;
}

let builtIn: ActionCatalog | undefined;

/** The catalogue of the seed's action types (no configuration). */
export function builtInCatalog(): ActionCatalog {
  return (builtIn ??= new ActionCatalog(builtInActions()));
}

/** A built-in action type. */
export function actionInfo(type: string): ActionInfo | undefined {
  return builtInCatalog().get(type);
}

/** The built-in action types. */
export function actionTypes(): string[] {
  return builtInCatalog().types();
}

/** Whether an action of `family` belongs in a record of `service`. */
export function familyAllowed(service: ServiceName, family: ActionFamily | undefined): boolean {
  return family !== undefined && SERVICE_FAMILIES[service].includes(family);
}

/** How messages and completion name an action's family: "Kubernetes", or "Team" for a declared action without one. */
export function familyLabel(info: ActionInfo): string {
  return info.family ? FAMILY_LABELS[info.family] : 'Team';
}

/** "Targets: `namespace` + `pod_name`, or `namespace` + `deployment_name` (`namespace` may come from the record's metadata)." */
export function targetSentence(info: ActionInfo): string | undefined {
  if (info.targets.length === 0) {
    return undefined;
  }
  const alternatives = [...info.targets, ...info.identifiedBy].map((t) => t.map((name) => `\`${name}\``).join(' + '));
  const scope = [...info.scope].filter((name) => info.targets.some((t) => t.includes(name)));
  const fromRecord = scope.length ? ` (${scope.map((n) => `\`${n}\``).join(', ')} may come from the record's metadata)` : '';
  return `Targets: ${alternatives.join(', or ')}${fromRecord}.`;
}
