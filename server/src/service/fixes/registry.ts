/**
 * Which fix provider answers which diagnostic code: every code whose
 * catalogue entry (SPEC "Rule catalogue") lists a fix.
 */
import { insertActionErrorFix, sortActionsFix } from './actions';
import { insertTargetsFix, renameParameterFix } from './actionParameters';
import { closestPropertyFix, closestValueFix } from './closestMatch';
import { insertFailureAnalysisFix, removeFailureAnalysisFix } from './failureAnalysis';
import { FixProvider } from './fixTypes';
import { airflowRunIdFix, missingFieldsFix } from './guidelineFields';
import { requiredPropertyFix } from './requiredProperty';
import { maskConnectionStringFix, redactSecretFix } from './secrets';
import { typeConversionFix } from './typeConversion';
import { usagePercentageFix } from './usagePercentage';

export const FIX_PROVIDERS: Readonly<Record<string, FixProvider>> = {
  IR002: requiredPropertyFix,
  IR003: typeConversionFix,
  IR004: closestValueFix,
  IR007: closestPropertyFix,
  IR008: closestValueFix,
  IR009: closestValueFix,
  IR101: airflowRunIdFix,
  IR102: missingFieldsFix,
  IR111: missingFieldsFix,
  IR112: maskConnectionStringFix,
  IR122: missingFieldsFix,
  IR161: insertTargetsFix,
  IR162: renameParameterFix,
  IR201: insertFailureAnalysisFix,
  IR202: removeFailureAnalysisFix,
  IR203: insertActionErrorFix,
  IR204: sortActionsFix,
  IR208: usagePercentageFix,
  IR301: redactSecretFix,
};

/** Whether a code has a quick fix at all. */
export function isFixable(code: string): boolean {
  return Object.prototype.hasOwnProperty.call(FIX_PROVIDERS, code);
}
