// esbuild plugin: `import validate from 'incident-records:validator'` becomes
// the record schema's ajv validator, compiled at build time into standalone
// code (no schema compilation when the server or the CLI starts).
import Ajv2020 from 'ajv/dist/2020.js';
import { _ } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { createRequire } from 'node:module';
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
  // ajv-formats' checks behind a length guard (server/src/service/schema/recordFormats.js).
  const { recordFormats } = createRequire(import.meta.url)('../server/src/service/schema/recordFormats.js');
  const ajv = new (Ajv2020.default ?? Ajv2020)({
    ...VALIDATOR_OPTIONS,
    code: { source: true, esm: false, formats: _`require("./server/src/service/schema/recordFormats.js").recordFormats` },
  });
  for (const [name, format] of Object.entries(recordFormats)) {
    ajv.addFormat(name, format);
  }
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
