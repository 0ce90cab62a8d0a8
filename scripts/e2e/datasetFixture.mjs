// A review-sized dataset for the dataset scenario, written into the run's
// workspace copy: 3,000 records made from the clean example records, each with
// its own title and times, a third of them with a misspelt severity ("hgh",
// IR004): with the examples' own defects, some 2,200 problems, more than the
// 1,000 markers VS Code keeps per file.
// One record far down the file has a defect of its own (an action result
// "exploded"), which VS Code shows only if the server publishes it first.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './toolchain.mjs';

export const DATASET_FILE = 'review.incidents.jsonl';
export const DATASET_RECORDS = 3000;
/** 0-based line of the far defect. */
export const FAR_DEFECT_LINE = 2700;
export const FAR_DEFECT_MESSAGE = '"exploded" is not an allowed';

/** Moves every ISO 8601 timestamp of a record by `minutes`. */
function shiftTimes(record, minutes) {
  const shift = (value) => new Date(Date.parse(value) + minutes * 60_000).toISOString().replace('.000Z', 'Z');
  for (const action of record.actions_taken ?? []) {
    if (typeof action.timestamp === 'string' && !Number.isNaN(Date.parse(action.timestamp))) {
      action.timestamp = shift(action.timestamp);
    }
  }
}

/** Writes the dataset into `workspace`; returns what the scenario checks against. */
export function writeReviewDataset(workspace) {
  const clean = [];
  for (const line of readFileSync(join(REPO_ROOT, 'examples', 'dataset.incidents.jsonl'), 'utf8').split('\n')) {
    try {
      const record = JSON.parse(line);
      if (record && typeof record === 'object' && !Array.isArray(record) && record.incident?.severity !== 'hgh') {
        clean.push(record);
      }
    } catch {
      // The example's broken line is not a template.
    }
  }
  const services = {};
  const lines = [];
  for (let i = 0; i < DATASET_RECORDS; i++) {
    const record = structuredClone(clean[i % clean.length]);
    record.incident.title = `${record.incident.title} (#${i})`;
    shiftTimes(record, i * 7);
    if (i % 3 === 1) {
      record.incident.severity = 'hgh';
    }
    if (i === FAR_DEFECT_LINE) {
      record.incident.severity = 'high';
      record.actions_taken[0].result = 'exploded';
    }
    services[record.incident.service] = (services[record.incident.service] ?? 0) + 1;
    lines.push(JSON.stringify(record));
  }
  writeFileSync(join(workspace, DATASET_FILE), lines.join('\n') + '\n');
  return { records: DATASET_RECORDS, services };
}
