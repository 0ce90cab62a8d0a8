/**
 * Words and numbers of the dataset view, in one place: labels of severities
 * and results, counts with thousands separators, durations in human form.
 */
import type { ProblemSeverity, SuccessKey } from '../../common/dataset';

export function count(n: number): string {
  return n.toLocaleString('en-US');
}

export function plural(n: number, noun: string, nouns = `${noun}s`): string {
  return `${count(n)} ${n === 1 ? noun : nouns}`;
}

export function percent(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((part / whole) * 100)}%` : '—';
}

/** Seconds in the largest two units: `41m 00s`, `3h 05m`, `2d 04h`. */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const pad = (n: number) => String(n).padStart(2, '0');
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${pad(s % 60)}s`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ${pad(Math.floor((s % 3600) / 60))}m`;
  return `${Math.floor(s / 86400)}d ${pad(Math.floor((s % 86400) / 3600))}h`;
}

export const PROBLEM_SEVERITIES: readonly ProblemSeverity[] = ['error', 'warning', 'information', 'hint'];

export const PROBLEM_LABELS: Readonly<Record<ProblemSeverity, { readonly icon: string; readonly label: string; readonly plural: string }>> = {
  error: { icon: '✕', label: 'error', plural: 'errors' },
  warning: { icon: '⚠', label: 'warning', plural: 'warnings' },
  information: { icon: 'ℹ', label: 'information', plural: 'information' },
  hint: { icon: '○', label: 'hint', plural: 'hints' },
};

export const SUCCESS_KEYS: readonly SuccessKey[] = ['true', 'false', 'unknown'];

export const SUCCESS_LABELS: Readonly<Record<SuccessKey, string>> = {
  true: 'succeeded',
  false: 'failed',
  unknown: 'success not given',
};

/** The seed's incident severities, most severe first; other values follow alphabetically, `(none)` last. */
const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low'];

export function severityOrder(values: Iterable<string>): string[] {
  const rank = (v: string) => {
    const i = SEVERITY_ORDER.indexOf(v);
    return i >= 0 ? i : v === '(none)' ? 1000 : 100;
  };
  return [...new Set(values)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** A CSS class for a value from a record: known values get their colour, any other value a neutral one. */
export function severityClass(severity: string | undefined): string {
  return severity !== undefined && SEVERITY_ORDER.includes(severity) ? `sev-${severity}` : 'sev-other';
}
