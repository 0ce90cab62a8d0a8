/**
 * What a value that is not allowed was meant to be. Enum values stay strict
 * (the seed lists them), but their messages and fixes know what people
 * write: the vocabulary's synonyms (SEV-1 → critical, k8s → kubernetes,
 * ok → success, pg → postgres), close spellings, the words of an action type
 * name (clear_task → clear_dag_run), and, for the service, what the record
 * itself says: a record whose metadata has `namespace` and `pod_name` and
 * whose actions restart pods is a kubernetes record, whatever its service
 * says. A meaning is `clear` (a safe fix) only when one candidate stands out
 * and agrees with the rest of the record.
 */
import { ActionCatalog, ActionInfo, SERVICES, ServiceName, SERVICE_FAMILIES, isService } from '../catalog';
import { JsonPath, Problem } from '../problems';
import { closestMatches, describeValue, listOr, shownKey } from '../util/text';
import { canonicalActionWords, hasSynonyms, identifierWords, meaningOf } from '../vocabulary';
import { recordSchema } from './schemaStore';

type JsonObject = { readonly [key: string]: unknown };
const isObject = (value: unknown): value is JsonObject => value !== null && typeof value === 'object' && !Array.isArray(value);

export interface Meaning {
  /** Allowed values, best first. */
  readonly candidates: readonly string[];
  /** Whether the first is the one obvious answer. */
  readonly clear: boolean;
  /** Why the first was chosen, for the message ("the record's metadata and actions are kubernetes'"). */
  readonly because?: string;
}

const article = (word: string): string => (/^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`);

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** A field's name as the vocabulary knows it: the last name of the path. */
function fieldName(path: JsonPath): string {
  for (let i = path.length - 1; i >= 0; i--) {
    if (typeof path[i] === 'string') {
      return String(path[i]);
    }
  }
  return '';
}

/** IR004: the vocabulary's synonym first, then close spellings. */
export function enumMeaning(field: string, written: string, allowed: readonly string[]): Meaning {
  const synonym = hasSynonyms(field) ? meaningOf(field, written) : undefined;
  const meant = synonym && allowed.includes(synonym) ? synonym : undefined;
  const spelled = closestMatches(written, allowed);
  const candidates = unique([...(meant ? [meant] : []), ...spelled]);
  return { candidates, clear: meant !== undefined || spelled.length === 1 };
}

// ---------------------------------------------------------------------------
// The service: what the record's metadata and actions say

let metadataFields: Map<ServiceName, Set<string>> | undefined;

/** Each service's own metadata field names (not those every service shares, such as error_details). */
function serviceFields(): Map<ServiceName, Set<string>> {
  if (!metadataFields) {
    const all = new Map<ServiceName, Set<string>>();
    for (const service of SERVICES) {
      const def = recordSchema.$defs?.[`${service}Metadata`];
      const names = new Set<string>();
      for (const [name, sub] of Object.entries(def?.properties ?? {})) {
        names.add(name);
        for (const inner of Object.keys(sub.properties ?? {})) {
          names.add(inner);
        }
      }
      all.set(service, names);
    }
    const counts = new Map<string, number>();
    for (const names of all.values()) {
      for (const name of names) {
        counts.set(name, (counts.get(name) ?? 0) + 1);
      }
    }
    for (const names of all.values()) {
      for (const name of [...names]) {
        if ((counts.get(name) ?? 0) > 1) {
          names.delete(name);
        }
      }
    }
    metadataFields = all;
  }
  return metadataFields;
}

/** How strongly the record's metadata fields and actions point at each service. */
export function serviceEvidence(record: JsonObject, catalog: ActionCatalog): Map<ServiceName, number> {
  const scores = new Map<ServiceName, number>(SERVICES.map((s) => [s, 0]));
  const incident = isObject(record.incident) ? record.incident : {};
  const metadata = isObject(incident.metadata) ? incident.metadata : {};
  const keys = [...Object.keys(metadata), ...(isObject(metadata.error_details) ? Object.keys(metadata.error_details) : [])];
  for (const [service, names] of serviceFields()) {
    scores.set(service, keys.filter((k) => names.has(k)).length);
  }
  const actions = Array.isArray(record.actions_taken) ? record.actions_taken : [];
  for (const action of actions) {
    const info = isObject(action) && typeof action.action === 'string' ? catalog.get(action.action) : undefined;
    if (info && info.family && info.family !== 'system') {
      for (const service of info.services) {
        scores.set(service, (scores.get(service) ?? 0) + 1);
      }
    }
  }
  return scores;
}

/** The service the evidence points at, when one stands out (at least two signs, more than any other). */
function evidenceLeader(scores: Map<ServiceName, number>): ServiceName | undefined {
  const ranked = [...scores].sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  return first && first[1] >= 2 && first[1] > (second?.[1] ?? 0) ? first[0] : undefined;
}

/** IR008: the service the record's metadata and actions agree on, then the vocabulary's and the spelling's. */
export function serviceMeaning(written: string, record: JsonObject, catalog: ActionCatalog): Meaning {
  const said = meaningOf('service', written);
  const spelled = closestMatches(written, SERVICES);
  const words = unique([...(said && isService(said) ? [said] : []), ...spelled]);
  const leader = evidenceLeader(serviceEvidence(record, catalog));
  if (leader) {
    const because = `the record's metadata and actions are those of ${article(leader)} record`;
    // What the record is outweighs what its service field says.
    return { candidates: unique([leader, ...words]), clear: true, because };
  }
  return { candidates: words, clear: words.length > 0 && (said !== undefined || spelled.length === 1) };
}

// ---------------------------------------------------------------------------
// Action types: the vocabulary's synonyms, spelling and words, the record's families first

function wordScore(written: string, candidate: string): number {
  const a = identifierWords(written).map(canonicalActionWords);
  const b = identifierWords(candidate).map(canonicalActionWords);
  if (a.length === 0 || b.length === 0) {
    return 0;
  }
  const meets = (x: ReadonlySet<string>, y: ReadonlySet<string>): boolean => [...x].some((w) => y.has(w));
  // The verb (first word) says what was done, the same verb more than a kindred one; each other shared word says to what.
  const verb = identifierWords(written)[0] === identifierWords(candidate)[0];
  let score = verb ? 2.5 : meets(a[0], b[0]) ? 2 : 0;
  for (const word of a.slice(1)) {
    if (b.slice(1).some((other) => meets(word, other))) {
      score += 1;
    }
  }
  return score;
}

/** 0: the record's own service family, 1: System (or a declared action the service may use), 2: elsewhere. */
function familyRank(info: ActionInfo, service: ServiceName | undefined, catalog: ActionCatalog): number {
  if (!service) {
    return 0;
  }
  if (!catalog.allowedIn(service, info)) {
    return 2;
  }
  return info.family && SERVICE_FAMILIES[service][0] === info.family ? 0 : 1;
}

/** IR009. */
export function actionMeaning(written: string, service: ServiceName | undefined, catalog: ActionCatalog): Meaning {
  const lower = written.toLowerCase();
  const scored: { type: string; tier: number; family: number; score: number }[] = [];
  const spelled = new Set(closestMatches(written, catalog.types(), 5));
  for (const info of catalog.values()) {
    const family = familyRank(info, service, catalog);
    if (info.synonyms.some((s) => s === lower || s === lower.replace(/[\s-]+/g, '_'))) {
      scored.push({ type: info.type, tier: 0, family, score: 0 });
    } else if (spelled.has(info.type)) {
      scored.push({ type: info.type, tier: 1, family, score: 0 });
    } else {
      const score = wordScore(written, info.type);
      if (score >= 2) {
        scored.push({ type: info.type, tier: 2, family, score });
      }
    }
  }
  // Another service's family only after every candidate of the record's own.
  scored.sort((x, y) => Math.sign(x.family - 1.5) - Math.sign(y.family - 1.5) || x.tier - y.tier || y.score - x.score || x.family - y.family);
  const candidates = unique(scored.map((s) => s.type)).slice(0, 5);
  const [first, second] = scored;
  const same = (x: typeof first, y: typeof first) => y !== undefined && x.tier === y.tier && x.score === y.score && Math.min(x.family, 1) === Math.min(y.family, 1);
  const clear = first !== undefined && first.family < 2 && !same(first, second);
  return { candidates, clear };
}

/**
 * Rewrites the IR004, IR008 and IR009 problems of a record with what the
 * value was meant to be: their messages say it, and `data.suggestions`
 * (best first) and `data.clear` drive the quick fixes.
 */
export function explainValues(problems: readonly Problem[], record: JsonObject, catalog: ActionCatalog): Problem[] {
  return problems.map((p) => {
    if (p.code !== 'IR004' && p.code !== 'IR008' && p.code !== 'IR009') {
      return p;
    }
    let node: unknown = record;
    for (const segment of p.path) {
      node = isObject(node) || Array.isArray(node) ? (node as Record<string | number, unknown>)[segment] : undefined;
    }
    if (typeof node !== 'string') {
      return p;
    }
    const allowed = Array.isArray(p.data?.allowed) ? (p.data.allowed as string[]) : [];
    const incident = isObject(record.incident) ? record.incident : {};
    const service = isService(incident.service) ? incident.service : undefined;
    const meaning =
      p.code === 'IR008' ? serviceMeaning(node, record, catalog) : p.code === 'IR009' ? actionMeaning(node, service, catalog) : enumMeaning(fieldName(p.path), node, allowed);
    const value = describeValue(node);
    const best = meaning.candidates[0];
    const didYouMean = best ? ` Did you mean ${JSON.stringify(best)}${meaning.because ? ` (${meaning.because})` : ''}?` : '';
    const message =
      p.code === 'IR008'
        ? `Unknown service ${value}: its metadata is not checked.${didYouMean} Known services: ${listOr([...SERVICES])}.`
        : p.code === 'IR009'
          ? `Unknown action type ${value}: it is not in the action catalogue.${didYouMean}`
          : `${value} is not an allowed ${shownKey(fieldName(p.path))}.${didYouMean} Expected ${listOr(allowed.map((a) => JSON.stringify(a)))}.`;
    return { ...p, message, data: { ...p.data, suggestions: [...meaning.candidates], clear: meaning.clear } };
  });
}
