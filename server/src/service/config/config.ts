/**
 * `.incident-records.json`: rule severities per code, with `overrides` per
 * file glob applied in order, and the team's own action types and parameter
 * aliases (`actions`). Shared by the editor and the CLI. A broken or unknown
 * entry is reported with its position and ignored; the defaults apply
 * meanwhile.
 */
import { getNodeValue, Node as JsonNode, parseTree, ParseError } from 'jsonc-parser';
import picomatch from 'picomatch';
import { SEVERITY_SETTINGS, SeveritySetting, isRuleCode, ruleInfo } from '../../../../common/diagnosticCodes';
import { syntaxMessage } from '../parsing/syntax';
import { ActionCatalog, ActionFamily, DeclaredAction, DeclaredActions, DeclaredParameter, SERVICES, ServiceName, builtInCatalog, isFamily, isService } from '../catalog';

export const CONFIG_FILE_NAME = '.incident-records.json';

export interface ConfigProblem {
  readonly message: string;
  /** Offsets in the config text. */
  readonly start: number;
  readonly end: number;
}

interface Override {
  readonly matchers: readonly ((path: string) => boolean)[];
  readonly rules: ReadonlyMap<string, SeveritySetting>;
}

export interface ProjectConfig {
  /** Absolute path of the config file (or a display name). */
  readonly path: string;
  /** Folder the globs are relative to, with forward slashes and no trailing slash. */
  readonly baseDir: string;
  readonly rules: ReadonlyMap<string, SeveritySetting>;
  readonly overrides: readonly Override[];
  /** The team's own action types and parameter aliases (the `actions` section), when it has any. */
  readonly actions?: DeclaredActions;
  readonly problems: readonly ConfigProblem[];
}

const RANK: Record<SeveritySetting, number> = { off: 0, hint: 1, information: 2, warning: 3, error: 4 };

function toPosix(p: string): string {
  return p.replace(/\\/g, '/');
}

function dirname(p: string): string {
  const posix = toPosix(p);
  const i = posix.lastIndexOf('/');
  return i <= 0 ? (i === 0 ? '/' : '.') : posix.slice(0, i);
}

function nodeRange(node: JsonNode | undefined): [number, number] {
  return node ? [node.offset, node.offset + node.length] : [0, 0];
}

function readRules(node: JsonNode | undefined, where: string, problems: ConfigProblem[]): Map<string, SeveritySetting> {
  const rules = new Map<string, SeveritySetting>();
  if (!node) {
    return rules;
  }
  if (node.type !== 'object') {
    const [start, end] = nodeRange(node);
    problems.push({ message: `${where} must be an object mapping rule codes to severities, e.g. { "IR104": "off" }.`, start, end });
    return rules;
  }
  for (const property of node.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    const code = String(keyNode?.value ?? '');
    if (!isRuleCode(code)) {
      const [start, end] = nodeRange(keyNode);
      problems.push({ message: `Unknown rule code ${JSON.stringify(code.slice(0, 40))} in ${where}: codes run from IR001 to IR402 (see docs/rules.md).`, start, end });
      continue;
    }
    const value = valueNode?.value;
    if (typeof value !== 'string' || !(SEVERITY_SETTINGS as readonly string[]).includes(value)) {
      const [start, end] = nodeRange(valueNode);
      problems.push({ message: `Invalid severity for ${code}: expected one of ${SEVERITY_SETTINGS.join(', ')}.`, start, end });
      continue;
    }
    rules.set(code, value as SeveritySetting);
  }
  return rules;
}

function readOverrides(node: JsonNode | undefined, problems: ConfigProblem[]): Override[] {
  if (!node) {
    return [];
  }
  if (node.type !== 'array') {
    const [start, end] = nodeRange(node);
    problems.push({ message: '"overrides" must be an array of { "files": [globs], "rules": { … } }.', start, end });
    return [];
  }
  const overrides: Override[] = [];
  (node.children ?? []).forEach((entry, i) => {
    const where = `overrides[${i}]`;
    if (entry.type !== 'object') {
      const [start, end] = nodeRange(entry);
      problems.push({ message: `${where} must be an object with "files" and "rules".`, start, end });
      return;
    }
    let files: string[] = [];
    let rulesNode: JsonNode | undefined;
    for (const property of entry.children ?? []) {
      const [keyNode, valueNode] = property.children ?? [];
      const key = String(keyNode?.value ?? '');
      if (key === 'files') {
        const value = valueNode ? getNodeValue(valueNode) : undefined;
        const list = typeof value === 'string' ? [value] : value;
        if (!Array.isArray(list) || list.length === 0 || !list.every((f) => typeof f === 'string' && f.length > 0)) {
          const [start, end] = nodeRange(valueNode);
          problems.push({ message: `${where}.files must be a non-empty array of glob patterns, e.g. ["legacy/**"].`, start, end });
        } else {
          files = list as string[];
        }
      } else if (key === 'rules') {
        rulesNode = valueNode;
      } else {
        const [start, end] = nodeRange(keyNode);
        problems.push({ message: `Unknown key ${JSON.stringify(key.slice(0, 40))} in ${where}: expected "files" and "rules".`, start, end });
      }
    }
    const rules = readRules(rulesNode, `${where}.rules`, problems);
    if (files.length) {
      const matchers = files.map((glob) => picomatch(glob, { dot: true, basename: !glob.includes('/') }));
      overrides.push({ matchers, rules });
    }
  });
  return overrides;
}

const ACTION_NAME = /^[a-z][a-z0-9_]*$/;
const PARAMETER_TYPES = ['string', 'number', 'integer', 'boolean', 'object', 'array'];

function keyOf(property: JsonNode): [string, JsonNode | undefined, JsonNode | undefined] {
  const [keyNode, valueNode] = property.children ?? [];
  return [String(keyNode?.value ?? ''), keyNode, valueNode];
}

function problemAt(problems: ConfigProblem[], node: JsonNode | undefined, message: string): void {
  const [start, end] = nodeRange(node);
  problems.push({ message, start, end });
}

function stringList(node: JsonNode | undefined, where: string, problems: ConfigProblem[]): string[] | undefined {
  const value = node ? getNodeValue(node) : undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && v.length > 0)) {
    problemAt(problems, node, `${where} must be an array of names.`);
    return undefined;
  }
  return value as string[];
}

function readParameter(node: JsonNode | undefined, where: string, problems: ConfigProblem[]): DeclaredParameter | undefined {
  if (!node || node.type !== 'object') {
    problemAt(problems, node, `${where} must be an object: { "type": "string", "description": "…", "target": true }.`);
    return undefined;
  }
  const parameter: { -readonly [K in keyof DeclaredParameter]: DeclaredParameter[K] } = {};
  for (const property of node.children ?? []) {
    const [key, keyNode, valueNode] = keyOf(property);
    const value = valueNode ? getNodeValue(valueNode) : undefined;
    if (key === 'type' && typeof value === 'string' && PARAMETER_TYPES.includes(value)) {
      parameter.type = value as DeclaredParameter['type'];
    } else if (key === 'type') {
      problemAt(problems, valueNode, `${where}.type must be one of ${PARAMETER_TYPES.join(', ')}.`);
    } else if (key === 'description' && typeof value === 'string') {
      parameter.description = value;
    } else if (key === 'target' && typeof value === 'boolean') {
      parameter.target = value;
    } else if (key === 'aliases') {
      parameter.aliases = stringList(valueNode, `${where}.aliases`, problems);
    } else {
      problemAt(problems, keyNode, `Unknown or invalid ${JSON.stringify(key.slice(0, 40))} in ${where}: expected "type", "description", "target" and "aliases".`);
    }
  }
  return parameter;
}

function readActionType(name: string, node: JsonNode | undefined, where: string, problems: ConfigProblem[]): DeclaredAction | undefined {
  if (!node || node.type !== 'object') {
    problemAt(problems, node, `${where} must be an object: { "family": "database", "description": "…", "parameters": { … } }.`);
    return undefined;
  }
  const action: { -readonly [K in keyof DeclaredAction]: DeclaredAction[K] } = {};
  for (const property of node.children ?? []) {
    const [key, keyNode, valueNode] = keyOf(property);
    const value = valueNode ? getNodeValue(valueNode) : undefined;
    if (key === 'family') {
      if (isFamily(value)) {
        action.family = value as ActionFamily;
      } else {
        problemAt(problems, valueNode, `${where}.family must be airflow, database, spark, kubernetes or system.`);
      }
    } else if (key === 'services') {
      const list = Array.isArray(value) ? value : undefined;
      if (!list || list.length === 0 || !list.every(isService)) {
        problemAt(problems, valueNode, `${where}.services must be a non-empty array of ${SERVICES.join(', ')}.`);
      } else {
        action.services = [...new Set(list as ServiceName[])];
      }
    } else if (key === 'description' && typeof value === 'string') {
      action.description = value;
    } else if (key === 'parameters' && valueNode?.type === 'object') {
      const parameters: Record<string, DeclaredParameter> = {};
      for (const p of valueNode.children ?? []) {
        const [pname, , pvalue] = keyOf(p);
        const parameter = readParameter(pvalue, `${where}.parameters.${pname.slice(0, 40)}`, problems);
        if (parameter && pname !== '__proto__') {
          parameters[pname] = parameter;
        }
      }
      action.parameters = parameters;
    } else if (key === 'scope') {
      action.scope = stringList(valueNode, `${where}.scope`, problems);
    } else {
      problemAt(problems, keyNode, `Unknown or invalid ${JSON.stringify(key.slice(0, 40))} in ${where}: expected "family" or "services", "description", "parameters" and "scope".`);
    }
  }
  if (!name) {
    return undefined;
  }
  return action;
}

/** The `actions` section: `{ "types": { name: {…} }, "aliases": { parameter: [names] } }`. */
function readActions(node: JsonNode | undefined, problems: ConfigProblem[]): DeclaredActions | undefined {
  if (!node) {
    return undefined;
  }
  if (node.type !== 'object') {
    problemAt(problems, node, '"actions" must be an object: { "types": { … }, "aliases": { … } }.');
    return undefined;
  }
  const types: Record<string, DeclaredAction> = {};
  const aliases: Record<string, string[]> = {};
  const builtIn = builtInCatalog();
  for (const property of node.children ?? []) {
    const [key, keyNode, valueNode] = keyOf(property);
    if (key === 'types' && valueNode?.type === 'object') {
      for (const entry of valueNode.children ?? []) {
        const [name, nameNode, value] = keyOf(entry);
        if (!ACTION_NAME.test(name)) {
          problemAt(problems, nameNode, `Action type ${JSON.stringify(name.slice(0, 40))} must be lower case with underscores, like the catalogue's (e.g. failover_database).`);
        } else if (builtIn.has(name)) {
          problemAt(problems, nameNode, `${name} is an action type of the catalogue already; declare your own under another name.`);
        } else {
          const action = readActionType(name, value, `actions.types.${name}`, problems);
          if (action) {
            types[name] = action;
          }
        }
      }
    } else if (key === 'aliases' && valueNode?.type === 'object') {
      for (const entry of valueNode.children ?? []) {
        const [name, , value] = keyOf(entry);
        const list = stringList(value, `actions.aliases.${name.slice(0, 40)}`, problems);
        if (list && name !== '__proto__') {
          aliases[name] = list;
        }
      }
    } else {
      problemAt(problems, keyNode ?? valueNode, `Unknown or invalid ${JSON.stringify(key.slice(0, 40))} in "actions": expected "types" and "aliases", each an object.`);
    }
  }
  return { types, aliases };
}

const catalogs = new WeakMap<ProjectConfig, ActionCatalog>();

/** The action catalogue for files under a config: the built-in one with the config's own action types. */
export function catalogFor(config: ProjectConfig | undefined): ActionCatalog {
  if (!config?.actions) {
    return builtInCatalog();
  }
  let catalog = catalogs.get(config);
  if (!catalog) {
    catalog = builtInCatalog().withDeclared(config.actions);
    catalogs.set(config, catalog);
  }
  return catalog;
}

/** Parses the text of a config file; never throws. */
export function parseConfig(text: string, path: string): ProjectConfig {
  const problems: ConfigProblem[] = [];
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  const base = { path, baseDir: dirname(path) };
  if (errors.length) {
    const e = errors[0];
    problems.push({ message: `Invalid JSON: ${syntaxMessage(e.error)}`, start: e.offset, end: e.offset + Math.max(1, e.length) });
    return { ...base, rules: new Map(), overrides: [], problems };
  }
  if (!root || root.type !== 'object') {
    const [start, end] = nodeRange(root);
    problems.push({ message: 'The configuration must be a JSON object: { "rules": { … }, "overrides": [ … ], "actions": { … } }.', start, end: Math.max(end, start + 1) });
    return { ...base, rules: new Map(), overrides: [], problems };
  }
  let rules = new Map<string, SeveritySetting>();
  let overrides: Override[] = [];
  let actions: DeclaredActions | undefined;
  for (const property of root.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    const key = String(keyNode?.value ?? '');
    if (key === 'rules') {
      rules = readRules(valueNode, '"rules"', problems);
    } else if (key === 'overrides') {
      overrides = readOverrides(valueNode, problems);
    } else if (key === 'actions') {
      actions = readActions(valueNode, problems);
    } else if (key !== '$schema') {
      const [start, end] = nodeRange(keyNode);
      problems.push({ message: `Unknown key ${JSON.stringify(key.slice(0, 40))} in the configuration: expected "rules", "overrides" and "actions".`, start, end });
    }
  }
  return { ...base, rules, overrides, ...(actions ? { actions } : {}), problems };
}

export interface SeverityOptions {
  /**
   * In an untrusted workspace a configuration may only lower a rule's
   * severity (or turn it off), never raise it.
   */
  readonly onlyLower?: boolean;
}

/** The severity of `code` for the file at `filePath` under `config` (or the default without one). */
export function severityFor(config: ProjectConfig | undefined, filePath: string, code: string, options: SeverityOptions = {}): SeveritySetting {
  const fallback = ruleInfo(code)?.defaultSeverity ?? 'error';
  if (!config) {
    return fallback;
  }
  let severity: SeveritySetting = config.rules.get(code) ?? fallback;
  if (config.overrides.length) {
    const relative = relativeTo(config.baseDir, filePath);
    for (const override of config.overrides) {
      const value = override.rules.get(code);
      if (value !== undefined && override.matchers.some((m) => m(relative))) {
        severity = value;
      }
    }
  }
  if (options.onlyLower && RANK[severity] > RANK[fallback]) {
    return fallback;
  }
  return severity;
}

function relativeTo(baseDir: string, filePath: string): string {
  const file = toPosix(filePath);
  const base = baseDir.endsWith('/') ? baseDir : baseDir + '/';
  return file.startsWith(base) ? file.slice(base.length) : file.replace(/^\.\//, '');
}

/** A resolver bound to one file, for the diagnostics pipeline. */
export function severityResolver(config: ProjectConfig | undefined, filePath: string, options: SeverityOptions = {}): (code: string) => SeveritySetting {
  const cache = new Map<string, SeveritySetting>();
  return (code) => {
    let value = cache.get(code);
    if (value === undefined) {
      value = severityFor(config, filePath, code, options);
      cache.set(code, value);
    }
    return value;
  };
}
