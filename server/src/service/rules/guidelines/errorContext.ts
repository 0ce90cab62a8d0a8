/**
 * IR151 error-context: every record, of any service (including an unknown
 * one), should carry `incident.metadata.error_details` with something in it.
 *
 * Why: the seed's guideline for all incidents, "Detailed error context -
 * stack traces, error codes, timing". Without it the agent learns an action
 * sequence without the symptom that called for it.
 *
 * A missing `error_details` is reported on `metadata` (the object that should
 * hold it); an empty one (`{}`) on its own key. A missing or mistyped
 * `metadata` is the schema's to report (IR002/IR003), so this rule is silent.
 *
 * Bad:  `"metadata": { "namespace": "checkout", "pod_name": "checkout-api-7d9f8b6c5-x2k4p" }`
 * Good: `"metadata": { …, "error_details": { "exit_code": 137, "reason": "OOMKilled", … } }`
 */
import type { RecordRule } from '../ruleTypes';
import { METADATA, field, missingFields, reportMissing } from '../ruleHelpers';
import { toPointer } from '../../problems';

const ERROR_DETAILS = [...METADATA, 'error_details'];
const MESSAGE = (what: string): string =>
  `${what}: add the error, its code or exception, and when it happened (guideline: detailed error context - stack traces, error codes, timing).`;

export const errorContext: RecordRule = {
  code: 'IR151',
  check(ctx) {
    const missing = missingFields(ctx, METADATA, [field('error_details')]);
    if (!missing?.length) {
      return;
    }
    if (missing[0].empty) {
      ctx.report({
        code: 'IR151',
        message: MESSAGE('error_details is empty'),
        path: ERROR_DETAILS,
        target: 'missing',
        data: { pointer: toPointer(ERROR_DETAILS), missing: [{ pointer: toPointer(ERROR_DETAILS), empty: true }] },
      });
      return;
    }
    reportMissing(ctx, { code: 'IR151', base: METADATA, missing, message: () => MESSAGE('The record has no error_details') });
  },
};
