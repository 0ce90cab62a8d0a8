// esbuild plugin: `import validate from 'incident-records:validator'` becomes
// the record schema's ajv validator, compiled at build time into standalone
// code (no schema compilation when the server or the CLI starts). Its string
// formats at run time are server/src/service/schema/formats.ts's (ajv-formats'
// with a date-time check whose cost does not grow with the string).
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SCHEMA = fileURLToPath(new URL('../schemas/incident-record.schema.json', import.meta.url));

/** The options the core's error mapping expects (see server/src/service/schema/schemaStore.ts). */
export const VALIDATOR_OPTIONS = { allErrors: true, strict: true, verbose: true, validateFormats: true, discriminator: true };

/** The tag and value an `if` tests, when it is `{ properties: { tag: { const } }, required: [tag] }`. */
function constTest(condition) {
  const names = Object.keys(condition?.properties ?? {});
  if (names.length !== 1 || Object.keys(condition).length !== 2 || condition.required?.length !== 1 || condition.required[0] !== names[0]) {
    return undefined;
  }
  const test = condition.properties[names[0]];
  return Object.keys(test).length === 1 && typeof test.const === 'string' ? { tag: names[0], value: test.const } : undefined;
}

/**
 * The schema as the validator is compiled from it. The file dispatches on a
 * tag (an action's `action`, an incident's `service`) with one `if`/`then` per
 * value, which editors understand; ajv runs every `if` of such a list for
 * every action and allocates an error for each that fails. The same rules as
 * a `discriminator` over `oneOf` branches are one comparison chain and apply
 * only the branch of the value found, with the same errors inside it (an
 * unknown or missing tag gives a `discriminator` error, which the mapping to
 * problems ignores: the tag's own enum and `required` report it).
 */
export function forValidation(node) {
  if (Array.isArray(node)) {
    return node.map(forValidation);
  }
  if (!node || typeof node !== 'object') {
    return node;
  }
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] = key === 'enum' || key === 'const' || key === 'examples' || key === 'default' ? value : forValidation(value);
  }
  const tests = Array.isArray(out.allOf) ? out.allOf.map((branch) => (Object.keys(branch).length === 2 && branch.then ? constTest(branch.if) : undefined)) : [];
  const tag = tests[0]?.tag;
  const dispatch =
    tag !== undefined &&
    !out.oneOf &&
    out.required?.includes(tag) &&
    tests.every((t, i) => t?.tag === tag && Object.keys(out.allOf[i].then).length === 1 && out.allOf[i].then.properties && !(tag in out.allOf[i].then.properties)) &&
    new Set(tests.map((t) => t.value)).size === tests.length;
  if (dispatch) {
    const branches = out.allOf.map((branch, i) => ({ properties: { [tag]: { const: tests[i].value }, ...branch.then.properties } }));
    delete out.allOf;
    out.discriminator = { propertyName: tag };
    out.oneOf = branches;
  }
  return out;
}

let cached;

export function validatorSource() {
  if (cached !== undefined && cached.mtime === statSync(SCHEMA).mtimeMs) {
    return cached.source;
  }
  const Ajv = Ajv2020.default ?? Ajv2020;
  // The compiled code takes its format checks from the core's module (resolved from the project root, the loader's resolveDir).
  const formatsCode = Ajv2020._`require("./server/src/service/schema/formats").formats`;
  const ajv = new Ajv({ ...VALIDATOR_OPTIONS, code: { source: true, esm: false, formats: formatsCode } });
  (addFormats.default ?? addFormats)(ajv, ['date-time', 'date', 'time', 'uri']);
  const validate = ajv.compile(forValidation(JSON.parse(readFileSync(SCHEMA, 'utf8'))));
  const source = (standaloneCode.default ?? standaloneCode)(ajv, validate);
  cached = { mtime: statSync(SCHEMA).mtimeMs, source };
  return source;
}

export const validatorPlugin = {
  name: 'incident-records-validator',
  setup(build) {
    build.onResolve({ filter: /^incident-records:validator$/ }, () => ({ path: SCHEMA, namespace: 'incident-records-validator' }));
    build.onLoad({ filter: /.*/, namespace: 'incident-records-validator' }, () => ({
      contents: validatorSource(),
      loader: 'js',
      resolveDir: fileURLToPath(new URL('..', import.meta.url)),
      watchFiles: [SCHEMA],
    }));
  },
};
