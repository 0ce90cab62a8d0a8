/** The dataset view's core: rows and aggregates of a dataset, kept incrementally, their queries, and the dataset card. */
export { DatasetModel } from './datasetModel';
export type { DatasetPage, RecordLocator } from './datasetModel';
export { DatasetAggregates, medianOf } from './aggregates';
export { ProblemGroups } from './problemGroups';
export { messagePattern } from './problemPatterns';
export { datasetCard } from './datasetCard';
export type { DatasetCardInput } from './datasetCard';
export { DatasetTracker, problemsByRecord, rowProblem } from './storeSync';
export { rowFacts, readBrokenRecord, masked } from './rowFacts';
export type { RecordInput, RowProblem, RowFacts } from './rowFacts';
export { MAX_PAGE } from './datasetQuery';
