/**
 * The timeline's warnings as people read them: what is wrong and what to do.
 * Actions are numbered from 1, as the preview numbers its entries.
 */
import { formatDuration } from '../util/durations';

const name = (index: number, type: string | undefined): string => `Action ${index + 1}${type ? ` (${type})` : ''}`;

export const MESSAGES = {
  syntax: (): string => 'The record is not valid JSON, so the timeline shows only what could be read. Fix the syntax errors listed in the Problems panel.',
  notAnObject: (): string => 'This record is not a JSON object, so it has no actions to draw.',
  noActions: (): string => 'The record has no actions_taken, so there is nothing to draw. Add the actions taken during the resolution, each with its timestamp.',
  missingTimestamp: (index: number, type: string | undefined): string =>
    `${name(index, type)} has no timestamp, so it has no place on the time axis: add when it ran, e.g. "2024-03-15T03:52:40Z".`,
  invalidTimestamp: (index: number, type: string | undefined): string =>
    `${name(index, type)} has a timestamp that is not an ISO 8601 date-time with a time zone, so it has no place on the time axis: write it like "2024-03-15T03:52:40Z".`,
  outOfOrder: (index: number, type: string | undefined, fromIndex: number, fromType: string | undefined, seconds: number): string =>
    `${name(index, type)} ran ${formatDuration(seconds)} before ${name(fromIndex, fromType).replace(/^A/, 'a')} but is listed after it; the timeline keeps the record's order. Sort actions_taken by timestamp.`,
  resolutionShorterThanSpan: (resolution: number, span: number): string =>
    `resolution_time (${formatDuration(resolution)}) is shorter than the ${formatDuration(span)} from the first to the last action: check resolution_time and the action timestamps.`,
};
