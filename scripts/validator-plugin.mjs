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
export const VALIDATOR_OPTIONS = { allErrors: true, strict: true, verbose: true, validateFormats: true };

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
  const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')));
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
