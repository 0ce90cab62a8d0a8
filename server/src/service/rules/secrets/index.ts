/**
 * The secrets rules, one per file, in catalogue order. IR112 is a database
 * guideline code but lives here: it is secret detection on one field.
 */
import type { RecordRule } from '../ruleTypes';
import { connectionStringSecret } from './connectionStringSecret';
import { secretText } from './secretText';

export const SECRETS_RULES: readonly RecordRule[] = [connectionStringSecret, secretText];
