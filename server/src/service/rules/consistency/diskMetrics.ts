/**
 * The disk part of IR208: size and percentage of a filesystem must agree.
 * Helper of `metricInconsistent.ts`, not a rule of its own.
 *
 * Two relations are checked: used + available = total (tolerance max(0.1 GB,
 * 0.5 % of total), for rounding in `df -h`-style figures), and
 * usage_percentage = used / total × 100 (tolerance ±0.5 points, for rounding
 * to whole percents). When they disagree, one diagnostic names the odd one
 * out, the number the other two relations contradict:
 * - only the percentage is off → `usage_percentage` (`data.expected` = used /
 *   total × 100 rounded to one decimal, for the quick fix); the percentage is
 *   derived, so it is also the one reported when `available_size_gb` is
 *   absent and the sum cannot be checked;
 * - only the sum is off → `available_size_gb` (total, used and percentage agree);
 * - both are off, and the percentage matches used / (used + available) → `total_size_gb`;
 * - both are off, and the percentage matches (total − available) / total → `used_size_gb`;
 * - otherwise one diagnostic on `total_size_gb` (metric `disk_sizes`).
 * Filesystems that reserve blocks (ext4 keeps 5 % for root) must count them
 * in `used_size_gb` so that the three sizes add up.
 */
import type { JsonPath } from '../../problems';
import type { RuleContext } from '../ruleTypes';
import { METADATA, formatNumber, numberAt } from '../ruleHelpers';

/** Reports one IR208 problem on the value at `path`. */
export type MetricReporter = (path: JsonPath, metric: string, message: string, extra?: Record<string, unknown>) => void;

const PERCENT_TOLERANCE = 0.5;

function sumTolerance(total: number): number {
  return Math.max(0.1, total * 0.005);
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

interface DiskFigures {
  readonly total: number;
  readonly used: number;
  readonly available: number;
  readonly percent: number;
}

const at = (name: string) => [...METADATA, name];
const gb = (n: number): string => `${formatNumber(n)} GB`;

export function checkDiskMetrics(ctx: RuleContext, reportMetric: MetricReporter): void {
  const total = numberAt(ctx, at('total_size_gb'));
  const used = numberAt(ctx, at('used_size_gb'));
  const available = numberAt(ctx, at('available_size_gb'));
  const percent = numberAt(ctx, at('usage_percentage'));
  if (total === undefined || used === undefined || total <= 0) {
    return;
  }
  const sumOff = available === undefined ? 0 : used + available - total;
  const sumOk = Math.abs(sumOff) <= sumTolerance(total);
  const ratio = (used / total) * 100;
  const percentOk = percent === undefined || Math.abs(percent - ratio) <= PERCENT_TOLERANCE;
  if (sumOk && percentOk) {
    return;
  }
  if (sumOk && percent !== undefined) {
    reportMetric(
      at('usage_percentage'),
      'usage_percentage',
      `usage_percentage is ${formatNumber(percent)}, but used_size_gb / total_size_gb is ${formatNumber(round1(ratio))} % (${gb(used)} of ${gb(total)}): ` +
        `off by ${formatNumber(Math.abs(percent - ratio))} points. Set it to ${formatNumber(round1(ratio))}.`,
      { expected: round1(ratio) },
    );
  } else if (available !== undefined && percentOk) {
    reportMetric(
      at('available_size_gb'),
      'available_size_gb',
      `available_size_gb is ${gb(available)}, but total_size_gb − used_size_gb is ${gb(total - used)}: off by ${gb(Math.abs(sumOff))}. ` +
        'Used plus available must equal total (count blocks reserved for root as used): correct available_size_gb.',
    );
  } else if (available !== undefined && percent !== undefined) {
    reportBothOff({ total, used, available, percent }, reportMetric);
  }
}

/** Neither relation holds: the percentage tells which size is the odd one out, if any. */
function reportBothOff({ total, used, available, percent }: DiskFigures, reportMetric: MetricReporter): void {
  const off = gb(Math.abs(used + available - total));
  if (Math.abs(percent - (used / (used + available)) * 100) <= PERCENT_TOLERANCE) {
    reportMetric(
      at('total_size_gb'),
      'total_size_gb',
      `total_size_gb is ${gb(total)}, but used_size_gb + available_size_gb is ${gb(used + available)} (off by ${off}), ` +
        `and usage_percentage (${formatNumber(percent)}) agrees with the sum: correct total_size_gb.`,
    );
  } else if (Math.abs(percent - ((total - available) / total) * 100) <= PERCENT_TOLERANCE) {
    reportMetric(
      at('used_size_gb'),
      'used_size_gb',
      `used_size_gb is ${gb(used)}, but total_size_gb − available_size_gb is ${gb(total - available)} (off by ${off}), ` +
        `and usage_percentage (${formatNumber(percent)}) agrees with that: correct used_size_gb.`,
    );
  } else {
    reportMetric(
      at('total_size_gb'),
      'disk_sizes',
      `The disk figures disagree: used_size_gb + available_size_gb is ${gb(used + available)}, not total_size_gb (${gb(total)}), ` +
        `and usage_percentage (${formatNumber(percent)}) is not used / total (${formatNumber(round1((used / total) * 100))} %): take all four from the same df output.`,
    );
  }
}
