/**
 * What people mean: the vocabulary kept as data beside the record schema
 * (schemas/incident-record.vocabulary.json). The schema stays strict about
 * enum values; this says what people write instead (SEV-1, k8s, ok, pg,
 * delete_pod…) so that messages and fixes understand them, and how the
 * systems' own tools name action parameters (targets and aliases).
 */
import vocabularyJson from '../../../schemas/incident-record.vocabulary.json';

export interface ActionVocabulary {
  /** Ways to identify the target: each alternative lists catalogue parameters that must all be known. */
  readonly targets: readonly (readonly string[])[];
  /** Other ways to identify it, by parameters that are not metadata fields (a PodDisruptionBudget's own name, a label selector). */
  readonly identifiedBy?: readonly (readonly string[])[];
  /** Target parameters the record's metadata may supply (the pod's namespace, the host of a system action). */
  readonly scope?: readonly string[];
  /** What completion inserts (default: the first target alternative). */
  readonly insert?: readonly string[];
  /** Aliases for this action type only (e.g. `name`). */
  readonly aliases?: Readonly<Record<string, readonly string[]>>;
  /** Action type names people write for this action. */
  readonly synonyms?: readonly string[];
}

interface VocabularyFile {
  readonly values: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
  readonly actionWords: Readonly<Record<string, readonly string[]>>;
  readonly parameterAliases: Readonly<Record<string, readonly string[]>>;
  readonly actions: Readonly<Record<string, ActionVocabulary>>;
}

export const vocabulary = vocabularyJson as unknown as VocabularyFile;

/** Lower case, with runs of spaces, dashes and underscores as one space: `SEV-1`, `sev 1` and `Sev_1` read alike. */
export function normalizeWord(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');
}

const synonymIndex = new Map<string, Map<string, string>>();

/**
 * The allowed value a word means for an enum field (`severity`, `service`,
 * `result`, `database_type`, `state`), case-insensitively, or undefined.
 */
export function meaningOf(field: string, value: string): string | undefined {
  let index = synonymIndex.get(field);
  if (!index) {
    index = new Map();
    const table = Object.prototype.hasOwnProperty.call(vocabulary.values, field) ? vocabulary.values[field] : {};
    for (const [allowed, words] of Object.entries(table)) {
      index.set(normalizeWord(allowed), allowed);
      for (const word of words) {
        index.set(normalizeWord(word), allowed);
      }
    }
    synonymIndex.set(field, index);
  }
  return index.get(normalizeWord(value));
}

/** Whether the vocabulary has synonyms for an enum field. */
export function hasSynonyms(field: string): boolean {
  return Object.prototype.hasOwnProperty.call(vocabulary.values, field);
}

let wordIndex: Map<string, Set<string>> | undefined;

/**
 * The catalogue's words a word of an action type name may stand for
 * (`cleanup` → clean, `app` → application, `delete` → clean, kill or
 * restart: deleting a pod restarts it).
 */
export function canonicalActionWords(word: string): ReadonlySet<string> {
  if (!wordIndex) {
    wordIndex = new Map();
    for (const [canonical, words] of Object.entries(vocabulary.actionWords)) {
      for (const w of [canonical, ...words]) {
        wordIndex.set(w, (wordIndex.get(w) ?? new Set()).add(canonical));
      }
    }
  }
  const lower = word.toLowerCase();
  return wordIndex.get(lower) ?? new Set([lower]);
}

/** The words of an identifier: `restartPod`, `restart-pod` and `restart_pod` give `restart`, `pod`. */
export function identifierWords(value: string): string[] {
  return value
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}
