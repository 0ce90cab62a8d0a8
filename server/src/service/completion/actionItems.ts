/**
 * Action type completion: at `actions_taken[*].action` (the value, plus the
 * parameters, result and timestamp the action still lacks) and at a new item
 * of `actions_taken` (a whole action). The incident's own family comes first,
 * then System actions; other services' actions come last, marked, because a
 * record may still need one (IR206 will say so).
 */
import { CompletionItemKind } from 'vscode-languageserver-types';
import { ActionCatalog, ActionInfo, ServiceName, familyLabel } from '../catalog';
import { actionMarkdown } from '../hover/markdown';
import { CompletionContext } from './completionContext';
import { Proposal, sortKey } from './items';
import { prefillValue } from './prefill';
import { RecordFacts, followingActionTime, isObject, previousActionTime } from './recordFacts';
import { effectiveSchema } from './schemaAt';
import { actionSkeleton } from './skeletons';
import { literal } from './snippetText';
import { nextActionTime } from './timestamps';

export interface RankedAction {
  readonly info: ActionInfo;
  /** 0: the service's own family, 1: System, 2: another service's family. */
  readonly rank: 0 | 1 | 2;
}

/** Every action type, in the order a record of `service` wants them. Without a known service, catalogue order. */
export function rankedActions(service: ServiceName | undefined, catalog: ActionCatalog): RankedAction[] {
  const ranked = [...catalog.values()].map((info): RankedAction => {
    if (!service) {
      return { info, rank: 0 };
    }
    if (!catalog.allowedIn(service, info)) {
      return { info, rank: 2 };
    }
    const generic = info.family === 'system' || (info.declared && info.services.length > 1);
    return { info, rank: generic && service !== 'disk' ? 1 : 0 };
  });
  return ranked.map((r, i) => ({ r, i })).sort((a, b) => a.r.rank - b.r.rank || a.i - b.i).map(({ r }) => r);
}

function note(ranked: RankedAction, service: ServiceName | undefined): string | undefined {
  return ranked.rank === 2 && service ? `Not an action of ${service} records: it belongs to the ${familyLabel(ranked.info)} family (IR206).` : undefined;
}

/** Which inserted parameters the record fills, for the documentation ("`pod_name` ← incident.metadata.pod_name"). */
function prefillNote(info: ActionInfo, facts: RecordFacts): string | undefined {
  const filled = info.parameters.flatMap((p) => {
    if (!info.insert.includes(p.name)) {
      return [];
    }
    const found = prefillValue(p.description, effectiveSchema(info.schema.properties?.[p.name], undefined), facts);
    return found ? [`\`${p.name}\` ← ${found.source}`] : [];
  });
  return filled.length ? `Pre-filled from the record: ${filled.join(', ')}.` : undefined;
}

function baseProposal(ranked: RankedAction, index: number, service: ServiceName | undefined, facts: RecordFacts) {
  const { info, rank } = ranked;
  const other = rank === 2 && service ? ` · not for ${service}` : '';
  const documentation = [actionMarkdown(info, note(ranked, service)), prefillNote(info, facts)].filter(Boolean).join('\n\n');
  return {
    label: info.type,
    kind: CompletionItemKind.Function,
    description: `${familyLabel(info)}${info.declared ? ' · team' : ''}${other}`,
    detail: info.description.split(' — ')[0],
    documentation,
    sortText: sortKey(rank, index),
  };
}

/** A string value is labelled as JSON writes it ("restart_pod"), like every value proposal; a whole action by its bare type. */
function asValue(type: string): { label: string; filterValue: string } {
  return { label: JSON.stringify(type), filterValue: type };
}

/** The value at `actions_taken[i].action`: the type, then the required members the action object lacks. */
export function actionTypeProposals(context: CompletionContext, actionIndex: number, now: number): Proposal[] {
  const { facts } = context;
  const actionNode = facts.actions[actionIndex];
  const present = new Set(isObject(actionNode) ? Object.keys(actionNode) : []);
  const time = nextActionTime(previousActionTime(facts, actionIndex), now, followingActionTime(facts, actionIndex + 1));
  return rankedActions(facts.service, facts.catalog).map((ranked, index) => {
    const skeleton = actionSkeleton(ranked.info, facts, time);
    const siblings = skeleton.kind === 'object' ? skeleton.entries.filter(([key]) => typeof key === 'string' && key !== 'action' && !present.has(key)) : [];
    return { ...baseProposal(ranked, index, facts.service, facts), ...asValue(ranked.info.type), members: [[undefined, literal(ranked.info.type)], ...siblings] };
  });
}

/** A new item of `actions_taken`: a whole action per type. */
export function actionItemProposals(context: CompletionContext, actionIndex: number, now: number): Proposal[] {
  const { facts } = context;
  // The new item goes before the action now at `actionIndex`, if any.
  const time = nextActionTime(previousActionTime(facts, actionIndex), now, followingActionTime(facts, actionIndex));
  return rankedActions(facts.service, facts.catalog).map((ranked, index) => ({
    ...baseProposal(ranked, index, facts.service, facts),
    members: [[undefined, actionSkeleton(ranked.info, facts, time)]],
  }));
}

/** Action type values for `improved_action_sequence`: the type only. */
export function actionNameProposals(context: CompletionContext): Proposal[] {
  return rankedActions(context.facts.service, context.facts.catalog).map((ranked, index) => ({
    ...baseProposal(ranked, index, context.facts.service, context.facts),
    ...asValue(ranked.info.type),
    kind: CompletionItemKind.EnumMember,
    members: [[undefined, literal(ranked.info.type)]],
  }));
}
