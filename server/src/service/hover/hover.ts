/**
 * Hover inside a record: the field's description with its guidelines, what
 * the value means in this incident (action type, timestamp offsets, human
 * durations), and the rules behind any diagnostic on the node. Positions
 * that are not a key or a scalar value are left to the JSON language service.
 */
import type { ActionCatalog } from '../catalog';
import { Node as JsonNode, findNodeAtOffset, getNodePath } from 'jsonc-parser';
import { Hover, MarkupKind, Position } from 'vscode-languageserver-types';
import { SeverityResolver } from '../documentChecker';
import { RecordView } from '../recordDocument';
import { factsOfTree, parseTolerant } from '../completion/recordFacts';
import { schemaAt } from '../completion/schemaAt';
import { diagnosticNotes } from './diagnosticNotes';
import { fieldMarkdown } from './markdown';
import { valueNotes } from './valueNotes';

export interface HoverOptions {
  readonly now: number;
  /** Whether the record is an entry of a dataset (an array item or a JSON Lines line). */
  readonly inDataset: boolean;
  /** Configured severities: rules turned off are not explained. */
  readonly severityOf?: SeverityResolver;
  /** The action catalogue with the configuration's own action types (the built-in one when absent). */
  readonly catalog?: ActionCatalog;
}

function isKey(node: JsonNode): boolean {
  return node.parent?.type === 'property' && node.parent.children?.[0] === node;
}

/** The key or scalar value under the cursor (a cursor just after a token still hovers it). */
function hoveredNode(root: JsonNode, offset: number): JsonNode | undefined {
  const node = findNodeAtOffset(root, offset, true);
  if (!node || node.type === 'object' || node.type === 'array' || node.type === 'property') {
    return undefined;
  }
  return node;
}

export function recordHover(view: RecordView, position: Position, options: HoverOptions): Hover | undefined {
  const offset = view.toRecordOffset(position);
  const root = parseTolerant(view.text);
  const node = root && hoveredNode(root, offset);
  if (!node) {
    return undefined;
  }
  const facts = factsOfTree(root, options.catalog);
  const path = getNodePath(node);
  const name = path[path.length - 1];
  const resolved = schemaAt(facts.record, path);
  const sections: string[] = [];
  if (isKey(node)) {
    if (resolved) {
      sections.push(fieldMarkdown(resolved.schema, String(name)));
    }
  } else {
    const notes = valueNotes(node.value, path, resolved?.schema, facts);
    // An action type's own documentation replaces the generic "action type" text.
    if (resolved && !(notes.length && String(name) === 'action')) {
      sections.push(fieldMarkdown(resolved.schema, typeof name === 'string' ? name : undefined));
    }
    sections.unshift(...notes);
  }
  const notes = diagnosticNotes(view.text, offset, { index: view.span.index, inDataset: options.inDataset, now: options.now, severityOf: options.severityOf, catalog: options.catalog });
  sections.push(...notes);
  if (!sections.length) {
    return undefined;
  }
  return {
    contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') },
    range: view.rangeOfOffsets(node.offset, node.offset + node.length),
  };
}
