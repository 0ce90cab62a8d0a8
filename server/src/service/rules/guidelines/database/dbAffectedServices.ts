/**
 * IR114 db-affected-services: a database record should list the services
 * that felt the incident in `affected_services`; an empty list counts as
 * missing.
 *
 * Why: the seed's guideline for database issues, "Record affected services
 * for impact assessment". A database incident always has clients, and the
 * agent weighs its actions by who is affected.
 *
 * Bad:  `"affected_services": []`
 * Good: `"affected_services": ["orders-api", "checkout-web"]`
 */
import type { RecordRule } from '../../ruleTypes';
import { checkMetadataFields, field } from '../../ruleHelpers';

const FIELDS = [field('affected_services', { nonEmptyArray: true })];

export const dbAffectedServices: RecordRule = {
  code: 'IR114',
  services: ['database'],
  check(ctx) {
    checkMetadataFields(
      ctx,
      'IR114',
      FIELDS,
      () =>
        'Database record does not say which services were affected: list them in affected_services so the impact can be assessed (guideline: record affected services for impact assessment).',
    );
  },
};
