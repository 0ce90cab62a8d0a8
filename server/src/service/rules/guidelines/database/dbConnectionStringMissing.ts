/**
 * IR113 db-connection-string-missing: a database record should carry
 * `error_details.connection_string`, with its credentials removed.
 *
 * Why: the seed's guideline for database issues, "Include connection string
 * (sanitized) for pattern matching". Driver, host, port and options (SSL mode,
 * timeouts) in the string let the agent match incidents across services.
 * A string that still holds a password is IR112's concern, not this rule's.
 *
 * Bad:  `"error_details": { "error_code": "53300", "sqlstate": "53300" }`
 * Good: `"error_details": { "connection_string": "postgresql://orders_api@orders-db-primary.prod.internal:5432/orders?sslmode=require", … }`
 */
import type { RecordRule } from '../../ruleTypes';
import { checkMetadataFields, field } from '../../ruleHelpers';

const FIELDS = [field('error_details.connection_string')];

export const dbConnectionStringMissing: RecordRule = {
  code: 'IR113',
  services: ['database'],
  check(ctx) {
    checkMetadataFields(
      ctx,
      'IR113',
      FIELDS,
      (names, it) =>
        `Database record lacks ${names}: add ${it} without the password (e.g. postgresql://user@host:5432/db?sslmode=require) so similar connection failures can be matched (guideline: include connection string (sanitized) for pattern matching).`,
    );
  },
};
