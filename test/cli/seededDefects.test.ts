/**
 * Done when (2): a 10,000-record dataset in another team's style (their
 * parameter names, nulls, free-form strings, typed values) with 100 seeded
 * defects, made by a generator written from the seed and SPEC alone
 * (test/fixtures/outside/generated/generate.mjs, deterministic): the CLI
 * finds at least 95 % of the defects, with errors + warnings at most 1.1 ×
 * the defects.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { suite, test } from 'node:test';
import { outsideDir } from '../helpers/outside';
import { repoRoot } from '../helpers/text';

interface Defect {
  readonly line: number;
  readonly kind: string;
  readonly code: string;
}

interface JsonReport {
  files: { diagnostics: { code: string; severity: string; range: { start: { line: number } } }[] }[];
}

function lint(file: string): JsonReport['files'][number]['diagnostics'] {
  const result = spawnSync(process.execPath, [path.join(repoRoot(), 'dist', 'cli', 'incident-records.js'), 'lint', '--format', 'json', file], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  assert.ok(result.status === 0 || result.status === 1, result.stderr);
  return (JSON.parse(result.stdout) as JsonReport).files.flatMap((f) => f.diagnostics);
}

suite('a dataset written by another team’s tooling, with seeded defects', () => {
  test('10,000 records, 100 defects: ≥ 95 % found, errors + warnings ≤ 1.1 × defects', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-seeded-'));
    try {
      const data = path.join(dir, 'dataset.incidents.jsonl');
      const manifestPath = path.join(dir, 'manifest.json');
      const generated = spawnSync(
        process.execPath,
        [outsideDir('generated', 'generate.mjs'), '--count', '10000', '--defects', '100', '--out', data, '--manifest', manifestPath],
        { encoding: 'utf8' },
      );
      assert.equal(generated.status, 0, generated.stderr);
      const defects = (JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as { defects: Defect[] }).defects;
      assert.equal(defects.length, 100);
      const diagnostics = lint(data);
      const found = defects.filter((d) => diagnostics.some((x) => x.range.start.line === d.line && x.code === d.code));
      const missed = defects.filter((d) => !found.includes(d)).map((d) => `${d.line} ${d.kind} ${d.code}`);
      assert.ok(found.length >= 95, `found ${found.length} of 100; missed: ${missed.join('; ')}`);
      const loud = diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning');
      const defectLines = new Set(defects.map((d) => d.line));
      const onClean = loud.filter((d) => !defectLines.has(d.range.start.line)).map((d) => `${d.range.start.line} ${d.code}`);
      assert.ok(loud.length <= 110, `${loud.length} errors and warnings; on clean records: ${onClean.slice(0, 20).join('; ')}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
