/**
 * IR201: a failed resolution without a failure analysis gets the analysis's
 * required skeleton (root cause, recommended escalation) to fill in; not
 * safe. IR202: a successful resolution's failure analysis is removed with its
 * comma; safe, since the seed keeps it only for failures.
 */
import { Fix, FixProvider, nodeAt } from './fixTypes';
import { insertMissing } from './insertMissing';
import { removeProperty } from './jsonEdits';

const TITLES = {
  insert: 'Insert a failure analysis to fill in',
  remove: 'Remove the failure analysis',
};

const FAILURE_ANALYSIS = ['learning_feedback', 'failure_analysis'];

/** IR201. */
export const insertFailureAnalysisFix: FixProvider = ({ src }): Fix[] => {
  const changes = insertMissing(src, [{ path: FAILURE_ANALYSIS }]);
  return changes.length ? [{ title: TITLES.insert, changes, safe: false, preferred: true }] : [];
};

/** IR202. */
export const removeFailureAnalysisFix: FixProvider = ({ data, src }): Fix[] => {
  const value = nodeAt(src, data.pointer);
  const property = value?.parent;
  if (!property || property.type !== 'property' || property.children?.[0]?.value !== 'failure_analysis') {
    return [];
  }
  return [{ title: TITLES.remove, changes: [removeProperty(property)], safe: true, preferred: true }];
};
