/**
 * The consistency rules, one per file, in catalogue order.
 */
import type { RecordRule } from '../ruleTypes';

export const CONSISTENCY_RULES: readonly RecordRule[] = [];
