/**
 * The guidelines rules, one per file, in catalogue order.
 */
import type { RecordRule } from '../ruleTypes';

export const GUIDELINES_RULES: readonly RecordRule[] = [];
