/**
 * Dataset rules run across the entries of one file rather than on one record:
 * IR401 (an entry that is not an object, decided while checking each entry in
 * recordChecker.ts) and IR402 (duplicate records, from identity keys kept per
 * record).
 */
export { contentHash, duplicateProblem, duplicateRecordProblems, DuplicateTracker, identityKeys } from './duplicateRecord';
export type { Duplicate, RecordLocator, RecordSpans } from './duplicateRecord';
