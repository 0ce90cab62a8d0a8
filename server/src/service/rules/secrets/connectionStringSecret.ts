/**
 * IR112 db-connection-string-secret: a database record's
 * `incident.metadata.error_details.connection_string` must not carry a
 * password or any other credential (URL userinfo, JDBC `password=`,
 * ADO.NET/ODBC `Password=`/`Pwd=`, libpq `password=`, Oracle
 * `user/pass@host`, Go DSN `user:pass@tcp(…)`, tokens and keys).
 *
 * A database guideline code (the seed: "Include connection string
 * (sanitized) for pattern matching"), kept with the secret rules because it
 * is secret detection: it shares the detector with IR301, and IR301 leaves
 * this one string to it.
 *
 * The range is the first credential inside the string (or the whole value
 * when an escape precedes it); `data.kinds` lists what was found. The fix
 * masks the string with `maskConnectionString`.
 *
 * Bad:  `"connection_string": "postgres://reporting:Summer2024!@db-replica-02:5432/analytics"`
 * Good: `"connection_string": "postgres://reporting:***@db-replica-02:5432/analytics"`
 */
import { containsSecret, describeKinds, findConnectionStringSecrets, maskConnectionString } from '../../secrets';
import type { RecordRule } from '../ruleTypes';
import { valueAt } from '../ruleHelpers';

const PATH = ['incident', 'metadata', 'error_details', 'connection_string'] as const;
/**
 * Masked strings up to this length are shown in the message as the example
 * of the fix; a message never repeats more of a record than that (a longer
 * string may be megabytes, or hide a secret the detector does not know).
 */
const MAX_SHOWN = 64;

function message(kinds: readonly string[], masked: string | undefined): string {
  const example = masked !== undefined && masked.length <= MAX_SHOWN && !containsSecret(masked) ? `, e.g. ${JSON.stringify(masked)}` : '';
  return `connection_string carries ${describeKinds(kinds)}. The guideline says "Include connection string (sanitized)": mask the credential as *** and keep user, host, port, database and options${example}. Rotate the credential if this record was shared.`;
}

export const connectionStringSecret: RecordRule = {
  code: 'IR112',
  services: ['database'],
  check(ctx) {
    const value = valueAt(ctx.record, PATH);
    if (typeof value !== 'string') {
      return;
    }
    const found = findConnectionStringSecrets(value);
    if (found.length === 0) {
      return;
    }
    const kinds = [...new Set(found.map((f) => f.kind))];
    ctx.report({
      code: 'IR112',
      message: message(kinds, maskConnectionString(value)),
      path: PATH,
      target: 'value',
      within: [found[0].start, found[0].end],
      data: { kinds },
    });
  },
};
