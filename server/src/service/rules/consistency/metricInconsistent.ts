/**
 * IR208 metric-inconsistent: numbers in the metadata that contradict each
 * other. Checked, each where its fields live:
 * - disk: `used_size_gb + available_size_gb = total_size_gb` within
 *   max(0.1 GB, 0.5 % of total), and `usage_percentage = used / total × 100`
 *   within ±0.5 points (see `diskMetrics.ts` for which number is reported);
 * - database: `current_active + current_idle ≤ max_connections`;
 * - airflow: `retry_count ≤ max_retries`;
 * - spark: `processed_records ≤ input_records`, `failed_at_record ≤ input_records`;
 * - kubernetes: `reason: "OOMKilled"` implies `exit_code` 137 (128 + SIGKILL).
 *
 * Why: the seed's guideline for all incidents asks for the "Resource state -
 * memory, CPU, disk usage at time of incident"; numbers that cannot all be
 * true make that state unusable, and the agent would learn from whichever it
 * reads. Each check runs for its own service, and for records of an unknown
 * service (whose metadata the schema cannot check); values the schema
 * rejected are skipped. Reported on the number that disagrees, saying by how
 * much; `data.metric` names the check.
 *
 * Bad:  `"pool_config": { "max_connections": 100, "current_active": 100, "current_idle": 30 }`
 * Good: `"pool_config": { "max_connections": 130, "current_active": 100, "current_idle": 30 }`
 */
import type { ServiceName } from '../../catalog';
import { JsonPath, toPointer } from '../../problems';
import type { RecordRule, RuleContext } from '../ruleTypes';
import { METADATA, formatNumber, numberAt, valueAt } from '../ruleHelpers';
import { checkDiskMetrics } from './diskMetrics';

const OOM_EXIT_CODE = 137;

function reportMetric(ctx: RuleContext, path: JsonPath, metric: string, message: string, extra: Record<string, unknown> = {}): void {
  ctx.report({ code: 'IR208', message, path, target: 'value', data: { pointer: toPointer(path), metric, ...extra } });
}

function checkPool(ctx: RuleContext): void {
  const pool = [...METADATA, 'pool_config'];
  const max = numberAt(ctx, [...pool, 'max_connections']);
  const active = numberAt(ctx, [...pool, 'current_active']);
  const idle = numberAt(ctx, [...pool, 'current_idle']);
  if (max === undefined || active === undefined || idle === undefined || active + idle <= max) {
    return;
  }
  const open = active + idle;
  reportMetric(
    ctx,
    [...pool, 'max_connections'],
    'pool_connections',
    `max_connections is ${formatNumber(max)}, but current_active (${formatNumber(active)}) + current_idle (${formatNumber(idle)}) = ${formatNumber(open)} open connections, ` +
      `${formatNumber(open - max)} more than the pool allows: take the three numbers from the same moment.`,
  );
}

function checkRetries(ctx: RuleContext): void {
  const details = [...METADATA, 'error_details'];
  const retries = numberAt(ctx, [...details, 'retry_count']);
  const max = numberAt(ctx, [...details, 'max_retries']);
  if (retries === undefined || max === undefined || retries <= max) {
    return;
  }
  reportMetric(
    ctx,
    [...details, 'retry_count'],
    'retry_count',
    `retry_count is ${formatNumber(retries)}, but max_retries is ${formatNumber(max)}: the task cannot have retried ${formatNumber(retries - max)} more time${retries - max === 1 ? '' : 's'} than configured. Correct one of them.`,
  );
}

function checkDataProcessed(ctx: RuleContext): void {
  const data = [...METADATA, 'data_processed'];
  const input = numberAt(ctx, [...data, 'input_records']);
  if (input === undefined) {
    return;
  }
  const processed = numberAt(ctx, [...data, 'processed_records']);
  if (processed !== undefined && processed > input) {
    reportMetric(
      ctx,
      [...data, 'processed_records'],
      'processed_records',
      `processed_records (${formatNumber(processed)}) exceeds input_records (${formatNumber(input)}) by ${formatNumber(processed - input)}: a job cannot process more records than it read. Correct one of them.`,
    );
  }
  const failedAt = numberAt(ctx, [...data, 'failed_at_record']);
  if (failedAt !== undefined && failedAt > input) {
    reportMetric(
      ctx,
      [...data, 'failed_at_record'],
      'failed_at_record',
      `failed_at_record (${formatNumber(failedAt)}) is ${formatNumber(failedAt - input)} past input_records (${formatNumber(input)}): the failing record must be one of the input. Correct one of them.`,
    );
  }
}

function checkOomExitCode(ctx: RuleContext): void {
  const details = [...METADATA, 'error_details'];
  const exitCode = numberAt(ctx, [...details, 'exit_code']);
  if (valueAt(ctx.record, [...details, 'reason']) !== 'OOMKilled' || exitCode === undefined || exitCode === OOM_EXIT_CODE) {
    return;
  }
  reportMetric(
    ctx,
    [...details, 'exit_code'],
    'exit_code',
    `reason is OOMKilled, but exit_code is ${formatNumber(exitCode)}: a container killed for exceeding its memory limit exits with ${OOM_EXIT_CODE} (128 + SIGKILL). Correct exit_code or reason.`,
  );
}

const CHECKS: readonly [ServiceName, (ctx: RuleContext) => void][] = [
  ['disk', (ctx) => checkDiskMetrics(ctx, (path, metric, message, extra) => reportMetric(ctx, path, metric, message, extra))],
  ['database', checkPool],
  ['airflow', checkRetries],
  ['spark', checkDataProcessed],
  ['kubernetes', checkOomExitCode],
];

export const metricInconsistent: RecordRule = {
  code: 'IR208',
  check(ctx) {
    for (const [service, check] of CHECKS) {
      if (ctx.service === undefined || ctx.service === service) {
        check(ctx);
      }
    }
  },
};
