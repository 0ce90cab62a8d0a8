// Injected into CommonJS bundles: the value of `import.meta.url` for ESM dependencies.
export const importMetaUrl = require('node:url').pathToFileURL(__filename).href;
