/**
 * Missing-field guideline rules. IR101: insert `dag_run_id` derived from
 * `execution_date` as `scheduled__<execution_date>` (what Airflow names a
 * scheduled run; safe), or put it in place of a blank one. IR102, IR111,
 * IR122: insert every missing field as a typed placeholder, and put a tab
 * stop in every blank one (the user fills them in; not safe). The fields are
 * the diagnostic's `data.missing` pointers; an object missing on the way is
 * created.
 */
import { DiagnosticData, fromPointer } from '../problems';
import { Fix, FixProvider, lastName, nodeAt, nodeAtPath } from './fixTypes';
import { MissingProperty, insertMissing } from './insertMissing';
import { TextChange, replaceNode } from './jsonEdits';
import { placeholderFor, propertyOrder, schemaAt } from './placeholders';
import { RecordSource } from './recordSource';

const TITLES = {
  runId: (runId: string) => `Insert dag_run_id "${runId}"`,
  placeholders: (names: readonly string[]) => `Insert placeholders for ${names.join(', ')}`,
};

const DAG_RUN_ID = '/incident/metadata/dag_run_id';

interface MissingEntry {
  readonly pointer: string;
  /** The property exists but is blank or null. */
  readonly empty: boolean;
}

function missingEntries(data: DiagnosticData): MissingEntry[] {
  const missing = Array.isArray(data.missing) ? (data.missing as unknown[]) : [];
  return missing.flatMap((m): MissingEntry[] => {
    const pointer = m && typeof m === 'object' ? (m as { pointer?: unknown }).pointer : undefined;
    return typeof pointer === 'string' ? [{ pointer, empty: (m as { empty?: unknown }).empty === true }] : [];
  });
}

/**
 * A missing section that the schema describes field by field (`pool_config`,
 * `resource_config`, `data_processed`) is inserted with all its fields, since
 * the rules ask for each of them.
 */
function expandSections(src: RecordSource, pointers: readonly string[]): MissingProperty[] {
  return pointers.flatMap((pointer): MissingProperty[] => {
    const path = fromPointer(pointer);
    const schema = schemaAt(src.value, path);
    const fields = propertyOrder(schema);
    const isSection = schema?.type === 'object' && fields.length > 0 && !schema.required?.length && !nodeAtPath(src, path);
    return isSection ? fields.map((field) => ({ path: [...path, field] })) : [{ path }];
  });
}

/** A blank value replaced by its placeholder, so a tab stop lands in it. */
function blankChange(src: RecordSource, pointer: string): TextChange | undefined {
  const node = nodeAt(src, pointer);
  const placeholder = placeholderFor(schemaAt(src.value, fromPointer(pointer)));
  return node && Array.isArray(placeholder) ? replaceNode(node, placeholder) : undefined;
}

function placeholderFix(src: RecordSource, entries: readonly MissingEntry[]): Fix[] {
  const absent = entries.filter((e) => !e.empty).map((e) => e.pointer);
  const blanks = entries.filter((e) => e.empty).flatMap((e) => blankChange(src, e.pointer) ?? []);
  const changes = [...insertMissing(src, expandSections(src, absent)), ...blanks].sort((a, b) => a.start - b.start);
  if (changes.length === 0) {
    return [];
  }
  return [{ title: TITLES.placeholders(entries.map((e) => lastName(e.pointer))), changes, safe: false, preferred: true }];
}

/** IR102, IR111, IR122. */
export const missingFieldsFix: FixProvider = ({ data, src }) => placeholderFix(src, missingEntries(data));

/** The change that puts the suggested run id in place: inserted, or replacing a blank one. */
function runIdChange(src: RecordSource, entry: MissingEntry, runId: string): TextChange[] {
  if (!entry.empty) {
    return insertMissing(src, [{ path: fromPointer(DAG_RUN_ID), value: [JSON.stringify(runId)] }]);
  }
  const node = nodeAt(src, DAG_RUN_ID);
  const blank = (node?.type === 'string' && String(node.value).trim() === '') || node?.type === 'null';
  return node && blank ? [replaceNode(node, [JSON.stringify(runId)])] : [];
}

/** IR101. */
export const airflowRunIdFix: FixProvider = ({ data, src }) => {
  const entries = missingEntries(data);
  const runId = data.suggestedRunId;
  const runIdEntry = entries.find((e) => e.pointer === DAG_RUN_ID);
  const changes = typeof runId === 'string' && runId && runIdEntry ? runIdChange(src, runIdEntry, runId) : [];
  if (changes.length === 0) {
    return placeholderFix(src, entries);
  }
  const derived: Fix = { title: TITLES.runId(String(runId)), changes, safe: true, preferred: true };
  const others = placeholderFix(src, entries.filter((e) => e !== runIdEntry)).map((f) => ({ ...f, preferred: false }));
  return [derived, ...others];
};
