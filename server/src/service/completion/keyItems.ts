/**
 * Property name completion: the properties the schema allows at the cursor
 * for this record (its service's metadata, its action type's parameters),
 * minus those already present. Required ones first, then the ones a
 * guideline rule checks, then the rest, each group in schema order. A
 * property is inserted with its value: objects with their required
 * properties, parameters pre-filled from the record, a timestamp after the
 * previous action.
 */
import { CompletionItemKind } from 'vscode-languageserver-types';
import { fieldMarkdown } from '../hover/markdown';
import { SchemaNode } from '../schema/schemaStore';
import { CompletionContext, pathPattern } from './completionContext';
import { Proposal, TRIGGER_SUGGEST, sortKey } from './items';
import { followingActionTime, isObject, previousActionTime } from './recordFacts';
import { EffectiveSchema, effectiveSchema, schemaAt } from './schemaAt';
import { metadataSkeleton, skeletonAt } from './skeletons';
import { SnippetNode, escapeSnippet, placeholder } from './snippetText';
import { nextActionTime } from './timestamps';

function group(name: string, schema: EffectiveSchema, required: readonly string[]): number {
  if (name === '$schema') {
    return 3;
  }
  if (required.includes(name)) {
    return 0;
  }
  return schema.descriptions.some((d) => /Checked by IR1\d\d|Guidelines? \(/.test(d)) ? 1 : 2;
}

function valueAt(record: unknown, path: readonly (string | number)[]): unknown {
  let value = record;
  for (const segment of path) {
    value = isObject(value) || Array.isArray(value) ? (value as Record<string | number, unknown>)[segment] : undefined;
  }
  return value;
}

interface KeyValue {
  readonly node: SnippetNode;
  readonly suggest?: boolean;
}

/** The value inserted with property `name` of the object at the context's path. */
function valueFor(context: CompletionContext, name: string, declaration: SchemaNode | undefined, instance: unknown, now: number): KeyValue {
  const at = context.at.kind === 'key' ? context.at.objectPath : [];
  const where = `${pathPattern(at)}:${name}`;
  const { facts } = context;
  switch (where) {
    case 'actions_taken.*:action':
    case 'incident:service':
      // Empty, with the list of types or services opened right away.
      return { node: placeholder(''), suggest: true };
    case 'actions_taken.*:timestamp':
      return { node: { kind: 'timestamp', value: nextActionTime(previousActionTime(facts, at[1] as number), now, followingActionTime(facts, (at[1] as number) + 1)) } };
    case 'incident:metadata':
      if (facts.service) {
        return { node: metadataSkeleton(facts.service, facts) };
      }
  }
  return { node: skeletonAt(declaration, instance, [name], { mode: 'required', facts }) };
}

/** The whole metadata skeleton of the record's service, offered first in an empty `metadata`. */
function metadataSkeletonProposal(context: CompletionContext): Proposal | undefined {
  const service = context.facts.service;
  if (!service || context.at.kind !== 'key' || pathPattern(context.at.objectPath) !== 'incident.metadata' || context.at.existingKeys.length || context.at.keyOnly) {
    return undefined;
  }
  const skeleton = metadataSkeleton(service, context.facts);
  const entries = skeleton.kind === 'object' ? skeleton.entries : [];
  return {
    label: `${service} metadata`,
    kind: CompletionItemKind.Snippet,
    description: `all ${entries.length} fields`,
    documentation: `Inserts every field of ${service} metadata (each guideline field included), with a tab stop per value.`,
    members: entries,
    sortText: '0',
    preselect: true,
  };
}

/** Proposals for a property name at the context's position, or `undefined` when the schema says nothing there. */
export function keyProposals(context: CompletionContext, now: number, snippets: boolean): Proposal[] | undefined {
  if (context.at.kind !== 'key') {
    return undefined;
  }
  const { objectPath, existingKeys, keyOnly } = context.at;
  const resolved = schemaAt(context.facts.record, objectPath);
  if (!resolved) {
    return undefined;
  }
  const objectValue = valueAt(context.facts.record, objectPath);
  const instance = isObject(objectValue) ? objectValue : {};
  const required = resolved.schema.required;
  const names = Object.keys(resolved.schema.properties).filter((name) => !existingKeys.includes(name));
  const proposals = names.map((name, index): Proposal => {
    const declaration = resolved.schema.properties[name];
    const schema = effectiveSchema(declaration, instance[name]);
    const value = keyOnly ? undefined : valueFor(context, name, declaration, instance[name], now);
    const key = JSON.stringify(name);
    return {
      label: name,
      kind: CompletionItemKind.Property,
      description: required.includes(name) ? 'required' : undefined,
      documentation: fieldMarkdown(schema, name),
      members: value ? [[name, value.node]] : [],
      rawText: keyOnly ? (snippets ? escapeSnippet(key) : key) : undefined,
      sortText: sortKey(group(name, schema, required), index),
      command: value?.suggest ? TRIGGER_SUGGEST : undefined,
    };
  });
  const skeleton = metadataSkeletonProposal(context);
  return skeleton ? [skeleton, ...proposals] : proposals;
}
