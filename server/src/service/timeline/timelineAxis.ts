/**
 * Spacing on the time axis: the space before each entry is proportional to
 * the time since the previous one, but a single long wait (a night between two
 * attempts, an hour until resolution) would squash every other gap to nothing.
 * Gaps much longer than the typical one are therefore drawn compressed, with
 * a break marker that states their real length.
 */
import type { TimelineSpacer } from '../../../../common/timeline';
import { formatDuration } from '../util/durations';

/** A gap is long when it exceeds this many times the median gap… */
export const COMPRESS_FACTOR = 3;
/** …and is longer than this many seconds (a 10 s wait among 2 s waits needs no break marker). */
export const COMPRESS_MIN_SECONDS = 60;
/** A compressed gap is drawn this many times the median gap long: longer than a typical gap, far shorter than its real length. */
export const COMPRESSED_DRAWN_FACTOR = 2;

function median(sorted: readonly number[]): number {
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Spacers for real gaps in seconds (negative gaps count as 0). All gaps of
 * one timeline, including the one before the end marker, go in one call so
 * that they share the median.
 */
export function spacersFor(gaps: readonly number[]): TimelineSpacer[] {
  const real = gaps.map((gap) => (Number.isFinite(gap) && gap > 0 ? gap : 0));
  const positive = real.filter((gap) => gap > 0).sort((a, b) => a - b);
  const typical = positive.length >= 2 ? median(positive) : undefined;
  return real.map((seconds) => {
    const compressed = typical !== undefined && seconds > COMPRESS_FACTOR * typical && seconds > COMPRESS_MIN_SECONDS;
    return {
      seconds,
      drawnSeconds: compressed ? COMPRESSED_DRAWN_FACTOR * typical! : seconds,
      compressed,
      text: formatDuration(seconds) ?? '0s',
    };
  });
}
