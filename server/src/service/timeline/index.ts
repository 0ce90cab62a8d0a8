/** The timeline preview's core: the model of a record, its Markdown export, and the records' anchors. */
export { timelineModel, timelineOfRecord, spanNear } from './timelineModel';
export { timelineMarkdown, markdownCell } from './timelineMarkdown';
export { recordStarts } from './timelineAnchors';
