/**
 * Seeded generator of realistic datasets for the benchmark: records derived
 * from the bundled examples with varied ids, titles, texts and timestamps,
 * and a small share of typical defects.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** mulberry32: small, fast, seeded. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rec = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const WORDS = 'latency spike worker queue timeout retry backlog replica primary failover heap partition shuffle executor scheduler disk inode rotation compaction vacuum checkpoint lag throughput saturation eviction node cluster batch nightly hourly ingest export billing orders search payments'.split(' ');

function sentence(rnd: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    out.push(WORDS[Math.floor(rnd() * WORDS.length)]);
  }
  const s = out.join(' ');
  return s[0].toUpperCase() + s.slice(1) + '.';
}

function shiftIso(iso: string, seconds: number): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) {
    return iso;
  }
  return new Date(t + seconds * 1000).toISOString().replace('.000Z', 'Z');
}

/** Shifts every ISO timestamp in a record by the same amount, keeping their order. */
function shiftTimestamps(value: unknown, seconds: number): unknown {
  if (typeof value === 'string') {
    return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) ? shiftIso(value, seconds) : value;
  }
  if (Array.isArray(value)) {
    return value.map((v) => shiftTimestamps(v, seconds));
  }
  if (value && typeof value === 'object') {
    const out: Rec = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = k === 'dag_run_id' ? v : shiftTimestamps(v, seconds);
    }
    return out;
  }
  return value;
}

export function loadTemplates(root: string): Rec[] {
  return ['airflow', 'database', 'spark', 'kubernetes', 'disk'].map((s) =>
    JSON.parse(fs.readFileSync(path.join(root, 'examples', `${s}.incident.json`), 'utf8')),
  );
}

/** The i-th record of a dataset: a template with varied content; about 2% carry a defect. */
export function makeRecord(templates: Rec[], i: number, rnd: () => number): Rec {
  const template = templates[i % templates.length];
  const record = shiftTimestamps(template, Math.floor(rnd() * 200 * 86400) - 100 * 86400) as Rec;
  record.incident.title = `${template.incident.title} (#${i})`;
  record.incident.description = `${template.incident.description} ${sentence(rnd, 20 + Math.floor(rnd() * 40))}`;
  record.learning_feedback.similar_incidents_count = Math.floor(rnd() * 40);
  record.learning_feedback.confidence_score = Math.round(rnd() * 100) / 100;
  const defect = rnd();
  if (defect < 0.005) {
    record.incident.severity = 'hgh';
  } else if (defect < 0.01) {
    delete record.incident.description;
  } else if (defect < 0.015) {
    record.resolution_time = String(record.resolution_time);
  } else if (defect < 0.02) {
    record.actions_taken[0].action = 'restart_pods';
  }
  return record;
}

export interface Dataset {
  readonly jsonl: string;
  readonly array: string;
  readonly records: number;
}

export function generate(root: string, records: number, seed = 42): Dataset {
  const templates = loadTemplates(root);
  const rnd = random(seed);
  const lines: string[] = [];
  const items: string[] = [];
  for (let i = 0; i < records; i++) {
    const record = makeRecord(templates, i, rnd);
    lines.push(JSON.stringify(record));
    items.push(JSON.stringify(record, null, 2).replace(/\n/g, '\n  '));
  }
  return { jsonl: lines.join('\n') + '\n', array: '[\n  ' + items.join(',\n  ') + '\n]\n', records };
}
