/**
 * Edits of a record's value that keep it valid JSON but break a rule the way
 * people do — a dropped field, a typo in an enum or a key, a quoted number,
 * a failed action without its error, actions out of order, a leaked secret —
 * so that the fuzzers reach every rule and every quick fix, not only the
 * syntax error that most text mutations produce.
 */
import fc from 'fast-check';
import { JsonRecord } from '../helpers/records';
import { POSITIVES } from '../unit/secrets/corpus';

type Path = (string | number)[];

interface Leaf {
  readonly parent: Record<string, unknown> | unknown[];
  readonly key: string | number;
  readonly path: Path;
}

/** Every property and array item of the record, depth first. */
function leaves(value: unknown, path: Path = [], out: Leaf[] = []): Leaf[] {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      out.push({ parent: value, key: i, path: [...path, i] });
      leaves(item, [...path, i], out);
    });
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      out.push({ parent: value as Record<string, unknown>, key, path: [...path, key] });
      leaves(item, [...path, key], out);
    }
  }
  return out;
}

function pick<T>(items: readonly T[], n: number): T | undefined {
  return items.length ? items[n % items.length] : undefined;
}

function get(leaf: Leaf): unknown {
  return (leaf.parent as Record<string | number, unknown>)[leaf.key];
}

function set(leaf: Leaf, value: unknown): void {
  (leaf.parent as Record<string | number, unknown>)[leaf.key] = value;
}

/** A near miss of a word: a letter dropped, doubled or changed in case. */
function typo(word: string, n: number): string {
  if (!word) {
    return 'x';
  }
  const i = n % word.length;
  switch (n % 3) {
    case 0:
      return word.slice(0, i) + word.slice(i + 1) || 'x';
    case 1:
      return word.slice(0, i) + word[i] + word.slice(i);
    default:
      return word.toUpperCase();
  }
}

const ENUM_KEYS = new Set(['severity', 'service', 'state', 'database_type', 'result', 'action']);

const SECRETS = POSITIVES.map((p) => p.text).filter((t) => t.length < 400);

type Edit = (record: JsonRecord, n: number) => void;

export const RECORD_EDITS: Readonly<Record<string, Edit>> = {
  dropProperty: (record, n) => {
    const leaf = pick(leaves(record).filter((l) => typeof l.key === 'string'), n);
    if (leaf) {
      delete (leaf.parent as Record<string, unknown>)[leaf.key];
    }
  },
  dropGuidelineField: (record, n) => {
    // A field of the metadata or one of its sections: what the guideline rules (IR101–IR151) ask for.
    const metadata = record.incident?.metadata;
    const leaf = pick(
      leaves(metadata).filter((l) => typeof l.key === 'string' && l.path.length <= 2),
      n,
    );
    if (leaf) {
      delete (leaf.parent as Record<string, unknown>)[leaf.key];
    }
  },
  typoEnum: (record, n) => {
    const leaf = pick(leaves(record).filter((l) => ENUM_KEYS.has(String(l.key)) && typeof get(l) === 'string'), n);
    if (leaf) {
      set(leaf, typo(get(leaf) as string, n >> 3));
    }
  },
  typoKey: (record, n) => {
    const leaf = pick(leaves(record).filter((l) => typeof l.key === 'string'), n);
    if (leaf) {
      const parent = leaf.parent as Record<string, unknown>;
      const value = parent[leaf.key];
      delete parent[leaf.key];
      parent[typo(String(leaf.key), n >> 3)] = value;
    }
  },
  quoteScalar: (record, n) => {
    const leaf = pick(leaves(record).filter((l) => typeof get(l) === 'number' || typeof get(l) === 'boolean'), n);
    if (leaf) {
      set(leaf, String(get(leaf)));
    }
  },
  flipSuccess: (record) => {
    record.success = !record.success;
  },
  failActionWithoutError: (record, n) => {
    const action = pick(record.actions_taken ?? [], n) as JsonRecord | undefined;
    if (action) {
      action.result = n % 2 ? 'failed' : 'partial_success';
      delete action.error;
    }
  },
  reverseActions: (record) => {
    record.actions_taken?.reverse();
  },
  futureTimestamp: (record, n) => {
    const action = pick(record.actions_taken ?? [], n) as JsonRecord | undefined;
    if (action) {
      action.timestamp = '2031-06-01T00:00:00Z';
    }
  },
  inconsistentUsage: (record, n) => {
    // Disk records only: the others get a disk-like metadata section first.
    const metadata = record.incident?.metadata;
    if (metadata && typeof metadata.usage_percentage === 'number') {
      metadata.usage_percentage += 1 + (n % 20);
    } else if (metadata && record.incident.service !== 'disk' && n % 2) {
      Object.assign(metadata, { total_size_gb: 200, used_size_gb: 150, available_size_gb: 50, usage_percentage: 60 + (n % 20) });
      record.incident.service = 'disk';
    }
  },
  leakSecret: (record, n) => {
    const secret = pick(SECRETS, n) ?? 'password=hunter2';
    const metadata = record.incident?.metadata;
    if (metadata?.error_details && n % 3 === 0) {
      metadata.error_details.connection_string = `postgresql://orders_api:${typo('hunter2hunter2', n)}@db.internal:5432/orders`;
      return;
    }
    const leaf = pick(leaves(record).filter((l) => typeof get(l) === 'string'), n >> 2);
    if (leaf) {
      set(leaf, `${get(leaf)} ${secret}`);
    }
  },
};

export interface RecordEdit {
  readonly name: string;
  readonly n: number;
}

export const recordEditArbitrary: fc.Arbitrary<RecordEdit> = fc.record({ name: fc.constantFrom(...Object.keys(RECORD_EDITS)), n: fc.nat() });

export function applyRecordEdits(record: JsonRecord, edits: readonly RecordEdit[]): JsonRecord {
  for (const edit of edits) {
    RECORD_EDITS[edit.name](record, edit.n);
  }
  return record;
}
