/**
 * Records written the way other teams write them, from the seed alone, by
 * people who never saw this product (test/fixtures/outside/, see its
 * README): team A's hand-written files, team B's tracker export (nulls for
 * absent fields, typed values), and a generator of another team's export
 * with seeded defects and a vocabulary set ("SEV-1", "k8s", "delete_pod"…).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { repoRoot } from './text';

/** After every record's timestamps (team B's reach November 2026). */
export const OUTSIDE_NOW = Date.parse('2027-01-01T00:00:00Z');

export function outsideDir(...segments: string[]): string {
  return path.join(repoRoot(), 'test', 'fixtures', 'outside', ...segments);
}

/** The incident files of a folder, recursively. */
export function incidentFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? incidentFiles(full) : /\.incidents?\.jsonl$|\.incident\.json$/.test(entry.name) ? [full] : [];
    })
    .sort();
}

export interface OutsideRecord {
  readonly file: string;
  /** 0-based line of the record's first character. */
  readonly line: number;
  readonly value: unknown;
}

/** Every record of a file: a JSON object, the items of an array, or the lines of JSON Lines (broken lines skipped). */
export function recordsOf(file: string): OutsideRecord[] {
  const text = fs.readFileSync(file, 'utf8');
  if (file.endsWith('.jsonl')) {
    return text.split('\n').flatMap((lineText, line) => {
      try {
        return lineText.trim() ? [{ file, line, value: JSON.parse(lineText) as unknown }] : [];
      } catch {
        return [];
      }
    });
  }
  const value = JSON.parse(text) as unknown;
  return (Array.isArray(value) ? value : [value]).map((item) => ({ file, line: 0, value: item }));
}

/** The record schema as anyone would use it: plain ajv 2020 with ajv-formats, no product code. */
export function plainValidator() {
  const ajv = new Ajv2020({ allErrors: true });
  addFormats(ajv);
  return ajv.compile(JSON.parse(fs.readFileSync(path.join(repoRoot(), 'schemas', 'incident-record.schema.json'), 'utf8')));
}
