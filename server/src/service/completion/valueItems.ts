/**
 * Value completion: services (with the service's metadata skeleton for an
 * empty `metadata`), action types, enum values with what each one means,
 * booleans, timestamps, parameters pre-filled from the record, examples, and
 * objects with their required properties.
 */
import { JSONPath, findNodeAtLocation } from 'jsonc-parser';
import { CompletionItemKind } from 'vscode-languageserver-types';
import { SERVICES, SERVICE_FAMILIES, FAMILY_LABELS } from '../catalog';
import { descriptionMarkdown, fieldMarkdown } from '../hover/markdown';
import { SchemaNode, schemaDef } from '../schema/schemaStore';
import { actionItemProposals, actionNameProposals, actionTypeProposals } from './actionItems';
import { CompletionContext, pathPattern } from './completionContext';
import { Proposal, renderOptionsFor, sortKey } from './items';
import { prefillValue } from './prefill';
import { previousActionTime } from './recordFacts';
import { EffectiveSchema, isTimestamp, primaryType, schemaAt } from './schemaAt';
import { metadataSkeleton, skeletonAt } from './skeletons';
import { literal, renderSnippet } from './snippetText';
import { formatInstant, timestampSuggestions } from './timestamps';

type Scalar = string | number | boolean;
const isScalar = (v: unknown): v is Scalar => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/**
 * What one enum value means, when the field's description explains it:
 * "running (stuck or slower than expected)". The value comes from the record,
 * so it is searched for as text, never compiled into a pattern (a 100 KB
 * value makes an invalid regular expression).
 */
export function explainValue(descriptions: readonly string[], value: unknown): string | undefined {
  if (typeof value !== 'string' || !value) {
    return undefined;
  }
  const needle = `${value} (`;
  for (const description of descriptions) {
    for (let at = description.indexOf(needle); at >= 0; at = description.indexOf(needle, at + 1)) {
      const close = description.indexOf(')', at + needle.length);
      if ((at === 0 || /[\s,:]/.test(description[at - 1])) && close > at + needle.length) {
        return description.slice(at + needle.length, close);
      }
    }
  }
  return undefined;
}

function scalarProposal(value: Scalar, group: number, index: number, extra: Partial<Proposal> = {}): Proposal {
  return {
    // String values are labelled as JSON writes them ("high"), as the JSON language service does.
    label: JSON.stringify(value),
    filterValue: String(value),
    kind: CompletionItemKind.Value,
    members: [[undefined, literal(value)]],
    sortText: sortKey(group, index),
    ...extra,
  };
}

/** Fills an empty `metadata` object with the service's skeleton, as plain text (an additional edit cannot hold tab stops). */
function metadataFill(context: CompletionContext, service: (typeof SERVICES)[number], now: number): Proposal['additionalEdits'] {
  const node = context.root && findNodeAtLocation(context.root, ['incident', 'metadata']);
  if (!node || node.type !== 'object' || node.children?.length) {
    return undefined;
  }
  const source = context.view.source;
  const absolute = context.view.span.start + node.offset;
  const indent = /^[ \t]*/.exec(source.slice(source.lineStart(absolute), absolute))![0];
  const options = { ...renderOptionsFor(context, false, formatInstant(now)), baseIndent: indent };
  const text = renderSnippet(metadataSkeleton(service, context.facts), options).text;
  return [{ start: node.offset, end: node.offset + node.length, text }];
}

function serviceProposals(context: CompletionContext, now: number): Proposal[] {
  const serviceName = schemaDef('serviceName');
  return SERVICES.map((service, index) => {
    const metadata = schemaDef(`${service}Metadata`);
    const fill = metadataFill(context, service, now);
    const families = SERVICE_FAMILIES[service].map((f) => FAMILY_LABELS[f]).join(' + ');
    const documentation = [
      `**${service}** — ${explainValue([serviceName?.description ?? ''], service) ?? metadata?.title ?? ''}`,
      metadata?.description ? descriptionMarkdown(metadata.description) : '',
      `Actions: ${families}.`,
      fill ? `Also fills the empty \`metadata\` with every ${service} field.` : '',
    ].filter(Boolean);
    return scalarProposal(service, 0, index, {
      kind: CompletionItemKind.EnumMember,
      description: fill ? '+ metadata skeleton' : metadata?.title,
      documentation: documentation.join('\n\n'),
      additionalEdits: fill,
    });
  });
}

function timestampProposals(context: CompletionContext, path: JSONPath, now: number): Proposal[] {
  const isActionTime = pathPattern(path) === 'actions_taken.*.timestamp';
  const previous = isActionTime ? previousActionTime(context.facts, path[1] as number) : undefined;
  return timestampSuggestions(previous, now).map((s, index) => scalarProposal(s.value, 0, index, { description: s.detail, preselect: index === 0 }));
}

function enumProposals(schema: EffectiveSchema): Proposal[] {
  const field = fieldMarkdown(schema);
  return (schema.enum ?? []).filter(isScalar).map((value, index) => {
    const meaning = explainValue(schema.descriptions, value);
    return scalarProposal(value, 0, index, {
      kind: CompletionItemKind.EnumMember,
      description: meaning,
      documentation: [meaning ? `**${String(value)}** — ${meaning}` : `**${String(value)}**`, field].join('\n\n'),
    });
  });
}

/** The record's value for a parameter (the schema names its source), then the schema's default and short examples. */
function exampleProposals(context: CompletionContext, path: JSONPath, schema: EffectiveSchema, withExamples: boolean): Proposal[] {
  const proposals: Proposal[] = [];
  const seen = new Set<unknown>();
  const filled = pathPattern(path).startsWith('actions_taken.*.parameters.') ? prefillValue(schema.descriptions[0], schema, context.facts) : undefined;
  if (filled && isScalar(filled.value)) {
    seen.add(filled.value);
    proposals.push(scalarProposal(filled.value, 0, 0, { description: `from ${filled.source}`, preselect: true }));
  }
  if (!withExamples) {
    return proposals;
  }
  // Short examples show a format (an id, a host, 4g); prose examples (a title, a log excerpt) are another incident's text.
  const candidates = [schema.default, ...(schema.examples ?? [])].filter(isScalar).filter((v) => typeof v !== 'string' || v.length <= 40 || !/\s/.test(v));
  candidates.forEach((value, index) => {
    if (!seen.has(value)) {
      seen.add(value);
      proposals.push(scalarProposal(value, 1, index, { description: value === schema.default ? 'default' : 'example', documentation: fieldMarkdown(schema) }));
    }
  });
  return proposals;
}

function containerProposal(context: CompletionContext, path: JSONPath, declaration: SchemaNode | undefined, schema: EffectiveSchema): Proposal {
  const service = context.facts.service;
  const isMetadata = pathPattern(path) === 'incident.metadata' && service;
  const node = isMetadata ? metadataSkeleton(service, context.facts) : skeletonAt(declaration, undefined, path.map(String), { mode: 'required', facts: context.facts });
  const array = primaryType(schema) === 'array';
  return {
    label: array ? '[…]' : '{…}',
    kind: CompletionItemKind.Struct,
    description: isMetadata ? `every ${service} metadata field` : schema.required.length ? 'with its required properties' : undefined,
    documentation: fieldMarkdown(schema),
    members: [[undefined, node]],
    sortText: sortKey(0, 0),
  };
}

/** Proposals for the value at the context's path, or `undefined` to leave the position to the JSON language service. */
export function valueProposals(context: CompletionContext, now: number): Proposal[] | undefined {
  if (context.at.kind !== 'value') {
    return undefined;
  }
  const path = context.at.path;
  switch (pathPattern(path)) {
    case 'incident.service':
      return serviceProposals(context, now);
    case 'actions_taken.*.action':
      return actionTypeProposals(context, path[1] as number, now);
    case 'actions_taken.*':
      return actionItemProposals(context, path[1] as number, now);
    case 'learning_feedback.failure_analysis.improved_action_sequence.*':
      return actionNameProposals(context);
  }
  const resolved = schemaAt(context.facts.record, path);
  if (!resolved) {
    return undefined;
  }
  const { schema } = resolved;
  if (isTimestamp(schema)) {
    return timestampProposals(context, path, now);
  }
  if (schema.enum?.length) {
    return enumProposals(schema);
  }
  switch (primaryType(schema)) {
    case 'boolean':
      return [true, false].map((value, index) => scalarProposal(value, 0, index, { documentation: fieldMarkdown(schema) }));
    case 'object':
    case 'array':
      return [containerProposal(context, path, resolved.declaration, schema)];
  }
  // Inside text already typed (a title, a log line) examples would only get in the way of typing: only the record's own value, and no fallback.
  const typed = context.at.node?.type === 'string' && context.at.node.value !== '';
  const proposals = exampleProposals(context, path, schema, !typed);
  return proposals.length || typed ? proposals : undefined;
}
