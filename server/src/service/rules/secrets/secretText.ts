/**
 * IR301 secret: credential-like text anywhere in a record — cloud keys,
 * vendor tokens, JWTs, private keys, `password=` pairs, Authorization
 * headers, URL userinfo passwords — in any string value (action
 * `parameters`, action `error`, `worker_log_excerpt`, descriptions…), a
 * credential stored under a password-like key (`"password": "…"`), and a
 * secret used as a property name.
 *
 * Why: records are training data that many people and systems read; a
 * credential in one is leaked, and must be removed and rotated.
 *
 * One diagnostic per string, naming every kind found; the range is the first
 * credential (`within`) when no escape precedes it, else the whole string.
 * `data: { pointer, kinds, within? }`; for a property name, `data.key` is
 * true and the range is the key. The fix redacts with `redactSecrets`.
 * A database record's `error_details.connection_string` is IR112's.
 *
 * Bad:  `"error": "git fetch failed: token ghp_… rejected"`
 * Good: `"error": "git fetch failed: token *** rejected"`
 */
import type { JsonPath } from '../../problems';
import { containsSecret, describeKinds, findFieldSecrets, findSecrets, SecretFinding } from '../../secrets';
import type { RecordRule, RuleContext } from '../ruleTypes';

const CONNECTION_STRING: JsonPath = ['incident', 'metadata', 'error_details', 'connection_string'];

function isConnectionString(path: JsonPath): boolean {
  return path.length === CONNECTION_STRING.length && path.every((segment, i) => segment === CONNECTION_STRING[i]);
}

function kindsOf(found: readonly SecretFinding[]): string[] {
  return [...new Set(found.map((f) => f.kind))];
}

function reportValue(ctx: RuleContext, path: JsonPath, found: readonly SecretFinding[]): void {
  const kinds = kindsOf(found);
  const within: [number, number] = [found[0].start, found[0].end];
  ctx.report({
    code: 'IR301',
    message: `This string contains ${describeKinds(kinds)}: replace ${found.length > 1 ? 'each credential' : 'it'} with *** (records are training data that many people read), and rotate the credential.`,
    path,
    target: 'value',
    within,
    data: { kinds, within },
  });
}

function reportKey(ctx: RuleContext, path: JsonPath, found: readonly SecretFinding[]): void {
  ctx.report({
    code: 'IR301',
    message: `This property name contains ${describeKinds(kindsOf(found))}: rename the property so it holds no credential, and rotate the credential.`,
    path,
    target: 'key',
    data: { kinds: kindsOf(found), key: true },
  });
}

/**
 * Visits every string and property name. `path` is one stack shared by the
 * whole walk (copied only when something is reported), so a clean record
 * costs no allocation per node.
 */
function walk(ctx: RuleContext, value: unknown, path: (string | number)[], key: string | undefined, skipConnectionString: boolean): void {
  if (typeof value === 'string') {
    if (!(skipConnectionString && isConnectionString(path))) {
      const found = findFieldSecrets(key, value);
      if (found.length > 0) {
        reportValue(ctx, [...path], found);
      }
    }
    return;
  }
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      path.push(index);
      walk(ctx, value[index], path, undefined, skipConnectionString);
      path.pop();
    }
    return;
  }
  if (value !== null && typeof value === 'object') {
    // for-in over a parsed object visits its own keys in Object.keys order without allocating their array.
    for (const name in value) {
      if (!Object.prototype.hasOwnProperty.call(value, name)) {
        continue;
      }
      path.push(name);
      if (containsSecret(name)) {
        reportKey(ctx, [...path], findSecrets(name));
      }
      walk(ctx, (value as Record<string, unknown>)[name], path, name, skipConnectionString);
      path.pop();
    }
  }
}

export const secretText: RecordRule = {
  code: 'IR301',
  check(ctx) {
    walk(ctx, ctx.record, [], undefined, ctx.service === 'database');
  },
};
