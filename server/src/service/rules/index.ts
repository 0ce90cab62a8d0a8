/**
 * The record rules, in catalogue order. Each rule lives in its own file,
 * grouped by family; each family lists its rules in its own index.
 */
import { CONSISTENCY_RULES } from './consistency';
import { GUIDELINES_RULES } from './guidelines';
import type { RecordRule } from './ruleTypes';
import { SECRETS_RULES } from './secrets';

export const RECORD_RULES: readonly RecordRule[] = [...GUIDELINES_RULES, ...CONSISTENCY_RULES, ...SECRETS_RULES];
