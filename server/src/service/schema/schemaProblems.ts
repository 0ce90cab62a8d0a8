/**
 * Turns ajv's errors for one record into problems with codes IR002–IR009:
 * one problem per fact, addressed by JSON path, with a message that says what
 * is wrong and what is expected, and the machine-readable data quick fixes use.
 */
import type { ErrorObject } from 'ajv';
import { JsonPath, Problem, displayPath, fromPointer, toPointer } from '../problems';
import { SchemaNode, getValidator } from './schemaStore';
import { closestMatches, describeValue, jsonTypeOf, listOr, shownKey, typeWithArticle } from '../util/text';

/** Messages for values checked by a pattern, keyed by the `$defs` entry that holds the pattern. */
const PATTERN_MESSAGES: Record<string, string> = {
  sparkMemory: 'Expected a Spark memory size without spaces, such as "4g", "512m", "2048k" or "4GB".',
  k8sMemory: 'Expected a Kubernetes memory quantity without spaces, such as "512Mi", "1Gi" or "2G", or a number of bytes.',
  k8sCpu: 'Expected a Kubernetes CPU quantity, such as "500m", "2" or 0.5.',
};

/**
 * `$defs` that list the spellings a documented action parameter may take
 * (a count as 3 or "3", a duration as 300 or "5m", …): a value that matches
 * none of them has the wrong type for that parameter (IR003), whatever the
 * branch that came closest.
 */
const SPELLING_DEFS = /^(param[A-Z]\w*|sparkConfValue)$/;

const FORMAT_MESSAGES: Record<string, string> = {
  'date-time': 'Expected an ISO 8601 date-time with a time zone, such as "2024-03-14T02:15:00Z" or "2024-03-14T04:15:00+02:00".',
  date: 'Expected an ISO 8601 date, such as "2024-03-14".',
  time: 'Expected a time with a time zone, such as "02:15:00Z".',
  uri: 'Expected a URI.',
};

/** Lower is reported first; at one path only the most basic problem is kept. */
const KEYWORD_RANK: Record<string, number> = {
  type: 0,
  enum: 1,
  const: 1,
  format: 2,
  pattern: 2,
  minimum: 3,
  maximum: 3,
  exclusiveMinimum: 3,
  exclusiveMaximum: 3,
  minLength: 3,
  maxLength: 3,
  minItems: 3,
  maxItems: 3,
  minProperties: 3,
  maxProperties: 3,
};

/** Keywords that only combine others (a tag's `discriminator`: its enum and `required` say what is wrong with the tag). */
const IGNORED_KEYWORDS = new Set(['if', 'then', 'else', 'allOf', '$ref', 'discriminator']);

function lastName(path: JsonPath): string {
  for (let i = path.length - 1; i >= 0; i--) {
    if (typeof path[i] === 'string') {
      return shownKey(String(path[i]));
    }
  }
  return 'value';
}

function isPath(path: JsonPath, ...shape: (string | '#')[]): boolean {
  return path.length === shape.length && shape.every((s, i) => (s === '#' ? typeof path[i] === 'number' : path[i] === s));
}

function patternDefName(error: ErrorObject): string | undefined {
  const match = /\$defs\/([^/]+)\/(?:anyOf\/\d+\/)?pattern$/.exec(error.schemaPath);
  if (match) {
    return match[1];
  }
  const parent = error.parentSchema as SchemaNode | undefined;
  for (const [name, message] of Object.entries(PATTERN_MESSAGES)) {
    if (parent?.pattern && parent.pattern === (error.params as { pattern?: string }).pattern && message) {
      return name;
    }
  }
  return undefined;
}

function patternMessage(error: ErrorObject, path: JsonPath): string {
  const def = patternDefName(error);
  if (def && PATTERN_MESSAGES[def]) {
    return `Malformed ${lastName(path)}: ${PATTERN_MESSAGES[def]}`;
  }
  const description = (error.parentSchema as SchemaNode | undefined)?.description;
  return `Malformed ${lastName(path)}${description ? `: ${description}` : '.'}`;
}

function rangeMessage(error: ErrorObject, path: JsonPath, value: unknown): string {
  const parent = (error.parentSchema ?? {}) as SchemaNode & { exclusiveMinimum?: number; exclusiveMaximum?: number };
  const name = lastName(path);
  switch (error.keyword) {
    case 'minLength':
      return `${name} must not be empty.`;
    case 'minItems':
    case 'minProperties':
      return `${name} must not be empty.`;
    case 'maxProperties':
      return `${name} must have at most ${String((error.params as { limit: number }).limit)} entr${(error.params as { limit: number }).limit === 1 ? 'y' : 'ies'}.`;
    default: {
      const low = parent.minimum ?? parent.exclusiveMinimum;
      const high = parent.maximum ?? parent.exclusiveMaximum;
      const found = describeValue(value);
      if (low !== undefined && high !== undefined) {
        return `${name} must be between ${low} and ${high}; found ${found}.`;
      }
      if (low !== undefined) {
        return `${name} must be ${parent.exclusiveMinimum !== undefined ? 'greater than' : 'at least'} ${low}; found ${found}.`;
      }
      return `${name} must be ${parent.exclusiveMaximum !== undefined ? 'less than' : 'at most'} ${high}; found ${found}.`;
    }
  }
}

function valueAt(record: unknown, path: JsonPath): unknown {
  let node = record;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') {
      return undefined;
    }
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

function enumProblem(error: ErrorObject, path: JsonPath, value: unknown): Problem {
  const allowed = ((error.params as { allowedValues?: unknown[] }).allowedValues ?? []).map(String);
  const suggestions = typeof value === 'string' ? closestMatches(value, allowed) : [];
  const didYouMean = suggestions.length ? ` Did you mean ${JSON.stringify(suggestions[0])}?` : '';
  const pointer = toPointer(path);
  if (isPath(path, 'incident', 'service')) {
    return {
      code: 'IR008',
      message: `Unknown service ${describeValue(value)}: its metadata is not checked.${didYouMean} Known services: ${listOr(allowed)}.`,
      path,
      target: 'value',
      data: { pointer, allowed, suggestions },
    };
  }
  if (isPath(path, 'actions_taken', '#', 'action')) {
    return {
      code: 'IR009',
      message: `Unknown action type ${describeValue(value)}: it is not in the action catalogue.${didYouMean}`,
      path,
      target: 'value',
      data: { pointer, allowed, suggestions },
    };
  }
  return {
    code: 'IR004',
    message: `${describeValue(value)} is not an allowed ${lastName(path)}.${didYouMean} Expected ${listOr(allowed.map((a) => JSON.stringify(a)))}.`,
    path,
    target: 'value',
    data: { pointer, allowed, suggestions },
  };
}

function typeProblem(error: ErrorObject, path: JsonPath, value: unknown): Problem {
  // "null means absent" is how an optional field is declared, not a type to suggest.
  const expected = String((error.params as { type: string | string[] }).type)
    .split(',')
    .filter((t) => t !== 'null');
  return typeMismatch(path, value, expected);
}

function typeMismatch(path: JsonPath, value: unknown, expected: readonly string[], spelled?: string): Problem {
  const actual = jsonTypeOf(value);
  if (spelled) {
    return {
      code: 'IR003',
      message: `${lastName(path)} does not have a value its system accepts; found ${typeWithArticle(actual)}${
        typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? ` (${describeValue(value)})` : ''
      }. ${spelled}`,
      path,
      target: 'value',
      data: { pointer: toPointer(path), expected: [...expected], actual },
    };
  }
  return {
    code: 'IR003',
    message: `${lastName(path)} must be ${listOr(expected.map(typeWithArticle))}; found ${typeWithArticle(actual)}${
      typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? ` (${describeValue(value)})` : ''
    }.`,
    path,
    target: 'value',
    data: { pointer: toPointer(path), expected: [...expected], actual },
  };
}

function requiredProblem(error: ErrorObject, path: JsonPath): Problem {
  const property = (error.params as { missingProperty: string }).missingProperty;
  const parent = error.parentSchema as SchemaNode | undefined;
  return {
    code: 'IR002',
    message: `Missing required property "${property}" in ${displayPath(path)}.`,
    path,
    target: 'missing',
    data: {
      pointer: toPointer(path),
      property,
      propertyPointer: toPointer([...path, property]),
      schemaPath: error.schemaPath,
      expectedType: parent?.properties?.[property]?.type,
    },
  };
}

function unknownPropertyProblem(error: ErrorObject, path: JsonPath): Problem {
  const property = (error.params as { additionalProperty: string }).additionalProperty;
  const parent = error.parentSchema as SchemaNode | undefined;
  const known = Object.keys(parent?.properties ?? {});
  const suggestions = closestMatches(property, known);
  const didYouMean = suggestions.length ? ` Did you mean "${suggestions[0]}"?` : '';
  const propertyPath = [...path, property];
  return {
    code: 'IR007',
    message: `Unknown property ${describeValue(property)} in ${displayPath(path)}.${didYouMean}${
      known.length && !suggestions.length ? ` Known properties: ${known.join(', ')}.` : ''
    }`,
    path: propertyPath,
    target: 'key',
    data: { pointer: toPointer(propertyPath), property, known, suggestions },
  };
}

function toProblem(error: ErrorObject, record: unknown): Problem | undefined {
  const path = fromPointer(error.instancePath);
  const value = valueAt(record, path);
  switch (error.keyword) {
    case 'required':
      return requiredProblem(error, path);
    case 'additionalProperties':
      return unknownPropertyProblem(error, path);
    case 'type':
      return typeProblem(error, path, value);
    case 'enum':
    case 'const':
      return enumProblem(error, path, value);
    case 'format': {
      const format = String((error.params as { format: string }).format);
      return {
        code: 'IR005',
        message: `Malformed ${lastName(path)}: ${FORMAT_MESSAGES[format] ?? `expected the ${format} format.`}`,
        path,
        target: 'value',
        data: { pointer: toPointer(path), format },
      };
    }
    case 'pattern':
      return { code: 'IR005', message: patternMessage(error, path), path, target: 'value', data: { pointer: toPointer(path), format: patternDefName(error) } };
    default:
      if (KEYWORD_RANK[error.keyword] === 3) {
        return { code: 'IR006', message: rangeMessage(error, path, value), path, target: 'value', data: { pointer: toPointer(path), keyword: error.keyword } };
      }
      return {
        code: 'IR003',
        message: `${lastName(path)} does not match the schema (${error.keyword}).`,
        path,
        target: 'value',
        data: { pointer: toPointer(path), keyword: error.keyword },
      };
  }
}

/** The `$defs` entry an `anyOf` belongs to (`#/$defs/paramCount/anyOf` → `paramCount`). */
function anyOfDefName(schemaPath: string): string | undefined {
  return /\$defs\/([^/]+)\/anyOf$/.exec(schemaPath)?.[1];
}

/**
 * Resolves `anyOf` failures into the problems a person can act on. The
 * schema uses `anyOf` for the spellings a value may take (a Kubernetes CPU
 * as 2 or "500m") and for "null means absent": the branch for null says
 * nothing, a value of a type no branch takes is one IR003 naming every type
 * (or, for a documented parameter, every spelling), and a value of the right
 * type keeps the problems of its own branch (a malformed quantity).
 */
function resolveAnyOf(all: readonly ErrorObject[], record: unknown): { errors: ErrorObject[]; problems: Problem[] } {
  const branchOf = new Map<ErrorObject, ErrorObject>();
  const anyOfs = all.filter((e) => e.keyword === 'anyOf');
  for (const anyOf of anyOfs) {
    const prefix = `${anyOf.schemaPath}/`;
    for (const e of all) {
      if (e !== anyOf && e.instancePath === anyOf.instancePath && e.schemaPath.startsWith(prefix) && !branchOf.has(e)) {
        branchOf.set(e, anyOf);
      }
    }
  }
  const problems: Problem[] = [];
  const dropped = new Set<ErrorObject>();
  for (const anyOf of anyOfs) {
    dropped.add(anyOf);
    const branches = all.filter((e) => branchOf.get(e) === anyOf);
    branches.forEach((e) => dropped.add(e));
    const typeErrors = branches.filter((e) => e.keyword === 'type');
    const other = branches.filter((e) => e.keyword !== 'type');
    const path = fromPointer(anyOf.instancePath);
    const value = valueAt(record, path);
    const def = anyOfDefName(anyOf.schemaPath);
    const spelled = def !== undefined && SPELLING_DEFS.test(def);
    if (other.length === 0 || spelled) {
      const expected = [...new Set(typeErrors.flatMap((e) => String((e.params as { type: string | string[] }).type).split(',')))].filter((t) => t !== 'null');
      const description = spelled ? ((anyOf.parentSchema as SchemaNode | undefined)?.description ?? '') : undefined;
      problems.push(typeMismatch(path, value, expected, description));
    } else {
      other.forEach((e) => dropped.delete(e));
    }
  }
  return { errors: all.filter((e) => !dropped.has(e)), problems };
}

/** Validates one parsed record against the schema and returns its problems. */
export function schemaProblems(record: unknown): Problem[] {
  const validate = getValidator();
  if (validate(record)) {
    return [];
  }
  const resolved = resolveAnyOf(validate.errors ?? [], record);
  const errors = resolved.errors.filter((e) => !IGNORED_KEYWORDS.has(e.keyword));
  // Keep, at each path, only the most basic kind of problem (a wrong type
  // makes its enum, format and range errors meaningless).
  const bestRank = new Map<string, number>();
  for (const e of errors) {
    const rank = KEYWORD_RANK[e.keyword];
    if (rank !== undefined) {
      const current = bestRank.get(e.instancePath);
      if (current === undefined || rank < current) {
        bestRank.set(e.instancePath, rank);
      }
    }
  }
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const problem of resolved.problems) {
    // A wrong type at a path outranks any other problem there.
    bestRank.set(toPointer(problem.path), 0);
  }
  for (const error of errors) {
    const rank = KEYWORD_RANK[error.keyword];
    if (rank !== undefined && rank > (bestRank.get(error.instancePath) ?? rank)) {
      continue;
    }
    const problem = toProblem(error, record);
    if (!problem) {
      continue;
    }
    const key = `${problem.code}|${problem.data?.pointer}|${String(problem.data?.property ?? '')}`;
    if (!seen.has(key)) {
      seen.add(key);
      problems.push(problem);
    }
  }
  for (const problem of resolved.problems) {
    const key = `${problem.code}|${problem.data?.pointer}|`;
    if (!seen.has(key)) {
      seen.add(key);
      problems.push(problem);
    }
  }
  return problems;
}
