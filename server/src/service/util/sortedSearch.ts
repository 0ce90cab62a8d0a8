/** Binary searches over ascending arrays of offsets. */

/** Index of the last element `<= value` (0 when there is none, so index 0 covers everything before the first element). */
export function lastAtOrBefore(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (sorted[mid] <= value) {
      low = mid;
    } else {
      high = mid - 1;
    }
  }
  return low;
}
