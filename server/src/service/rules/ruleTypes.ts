/**
 * The shape of a record rule: a pure function of one parsed record that
 * reports problems by JSON path. Rules never see text or positions.
 */
import type { ActionCatalog, ServiceName } from '../catalog';
import type { Problem } from '../problems';

export type JsonObject = { readonly [key: string]: unknown };

export interface RuleContext {
  /** The parsed record; always a JSON object (schema problems may remain inside). */
  readonly record: JsonObject;
  /** `incident.service` when it is a known service, else undefined. */
  readonly service: ServiceName | undefined;
  /** The action types the record may name: the built-in catalogue and the configuration's own. */
  readonly catalog: ActionCatalog;
  /** Milliseconds since the epoch at which the check runs (for "in the future"). */
  readonly now: number;
  /**
   * JSON pointers at which the schema already reported a problem: a rule must
   * not report the same fact again ("one problem, one diagnostic").
   */
  readonly schemaPointers: ReadonlySet<string>;
  report(problem: Problem): void;
}

export interface RecordRule {
  readonly code: string;
  /** The services whose records the rule checks; absent means every record. */
  readonly services?: readonly ServiceName[];
  check(context: RuleContext): void;
}
