/**
 * What the secret detector reports. Findings carry offsets, never the
 * secret's text, so nothing downstream can echo a credential by accident.
 */

/** One credential found in a string: `start`/`end` delimit the secret part itself (the password, the token). */
export interface SecretFinding {
  /** What was found, e.g. `url-password`, `github-token`, `private-key` (see `SECRET_KINDS`). */
  readonly kind: string;
  readonly start: number;
  readonly end: number;
}

/**
 * A finding as the detectors produce it: besides the secret itself, the span
 * to replace when masking (`outerStart`/`outerEnd`), which also covers the
 * quotes or braces around a quoted value (`Password="a;b"` masks to
 * `Password=***`).
 */
export interface RawFinding extends SecretFinding {
  readonly outerStart: number;
  readonly outerEnd: number;
  /** Lower wins when two findings overlap (the most specific detector names the kind). */
  readonly priority: number;
}

/** Detector priorities: a vendor token inside a `password=` value is reported as the token. */
export const PRIORITY = {
  privateKey: 0,
  vendorToken: 1,
  jwt: 2,
  aws: 3,
  connectionString: 4,
  header: 5,
  assignment: 6,
  field: 7,
} as const;

export function raw(kind: string, start: number, end: number, priority: number, outerStart = start, outerEnd = end): RawFinding {
  return { kind, start, end, outerStart, outerEnd, priority };
}
