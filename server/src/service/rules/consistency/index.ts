/**
 * The consistency rules, one per file, in catalogue order. They check that
 * the parts of a record agree with each other; they run on every record,
 * whatever its service.
 */
import type { RecordRule } from '../ruleTypes';
import { actionServiceMismatch } from './actionServiceMismatch';
import { actionsOutOfOrder } from './actionsOutOfOrder';
import { failedActionWithoutError } from './failedActionWithoutError';
import { failureAnalysisMissing } from './failureAnalysisMissing';
import { failureAnalysisUnexpected } from './failureAnalysisUnexpected';
import { futureTimestamp } from './futureTimestamp';
import { learningFeedbackInconsistent } from './learningFeedbackInconsistent';
import { metricInconsistent } from './metricInconsistent';
import { placeholderLeft } from './placeholderLeft';
import { resolutionTimeMismatch } from './resolutionTimeMismatch';
import { successContradictsActions } from './successContradictsActions';

export const CONSISTENCY_RULES: readonly RecordRule[] = [
  failureAnalysisMissing, // IR201
  failureAnalysisUnexpected, // IR202
  failedActionWithoutError, // IR203
  actionsOutOfOrder, // IR204
  resolutionTimeMismatch, // IR205
  actionServiceMismatch, // IR206
  successContradictsActions, // IR207
  metricInconsistent, // IR208
  futureTimestamp, // IR209
  learningFeedbackInconsistent, // IR210
  placeholderLeft, // IR211
];
