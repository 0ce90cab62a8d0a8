/** The record schema's validator, compiled at build time by scripts/validator-plugin.mjs. */
declare module 'incident-records:validator' {
  import type { ValidateFunction } from 'ajv';
  const validate: ValidateFunction;
  export default validate;
}
