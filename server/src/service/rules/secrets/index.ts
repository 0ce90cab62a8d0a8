/**
 * The secrets rules, one per file, in catalogue order.
 */
import type { RecordRule } from '../ruleTypes';

export const SECRETS_RULES: readonly RecordRule[] = [];
