/**
 * The JSON basics (schema completion and hover, folding, selection
 * ranges, formatting) from vscode-json-languageservice, run per record so
 * they work for single records, array items and JSON Lines alike. Schema
 * diagnostics are not taken from it: ajv owns them.
 */
import {
  ClientCapabilities,
  CompletionList,
  FoldingRange,
  FormattingOptions,
  Hover,
  JSONSchema,
  LanguageService,
  Position,
  Range,
  SelectionRange,
  TextEdit,
  getLanguageService,
} from 'vscode-json-languageservice';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentFormat, DocumentLayout } from './parsing/recordSpans';
import { recordAt } from './recordDocument';
import { recordCompletions } from './completion/completion';
import { HoverOptions, recordHover } from './hover/hover';
import type { ActionCatalog } from './catalog';
import { SCHEMA_URI, recordSchema } from './schema/schemaStore';

/** Records are given to the JSON language service under this file name, which the record schema matches. */
export const RECORD_FILE_NAME = 'incident-record.json';

export class JsonFeatures {
  private readonly service: LanguageService;

  /** Whether completion may use snippet syntax (assumed when the client's capabilities are unknown, as the JSON language service does). */
  private readonly snippets: boolean;

  constructor(clientCapabilities?: ClientCapabilities) {
    // The JSON language service's capability type omits snippetSupport; the server passes the client's full LSP capabilities.
    const lsp = clientCapabilities as { textDocument?: { completion?: { completionItem?: { snippetSupport?: boolean } } } } | undefined;
    this.snippets = lsp?.textDocument?.completion?.completionItem?.snippetSupport ?? !clientCapabilities;
    this.service = getLanguageService({
      // Schemas are registered below; nothing is ever fetched.
      schemaRequestService: (uri) => Promise.reject(new Error(`Schema ${uri} is not available offline.`)),
      clientCapabilities,
    });
    this.service.configure({
      validate: false,
      allowComments: false,
      schemas: [{ uri: SCHEMA_URI, fileMatch: [RECORD_FILE_NAME], schema: keepOwnAnnotations(recordSchema) as JSONSchema }],
    });
  }

  get languageService(): LanguageService {
    return this.service;
  }

  /**
   * Completion: the record-aware proposals (completion/) where they apply,
   * the JSON language service's schema completion elsewhere.
   */
  async complete(
    document: TextDocument,
    layout: DocumentLayout,
    format: DocumentFormat,
    position: Position,
    now: number = Date.now(),
    catalog?: ActionCatalog,
  ): Promise<CompletionList | null> {
    const view = recordAt(document, layout, position, format);
    if (!view) {
      return null;
    }
    const own = recordCompletions(view, position, { snippets: this.snippets, now, catalog });
    if (own) {
      return own;
    }
    const sub = view.subDocument;
    const result = await this.service.doComplete(sub, view.toRecordPosition(position), this.service.parseJSONDocument(sub));
    if (!result) {
      return null;
    }
    for (const item of result.items) {
      if (item.textEdit) {
        if ('range' in item.textEdit) {
          item.textEdit.range = view.toDocumentRange(item.textEdit.range);
        } else {
          item.textEdit.insert = view.toDocumentRange(item.textEdit.insert);
          item.textEdit.replace = view.toDocumentRange(item.textEdit.replace);
        }
      }
      if (item.additionalTextEdits) {
        item.additionalTextEdits = item.additionalTextEdits.map((edit) => ({ ...edit, range: view.toDocumentRange(edit.range) }));
      }
      if (format === 'jsonl') {
        flattenToOneLine(item);
      }
    }
    return result;
  }

  /** Hover: the record-aware hover (hover/) on keys and values, the JSON language service's elsewhere. */
  async hover(document: TextDocument, layout: DocumentLayout, format: DocumentFormat, position: Position, options: Omit<HoverOptions, 'inDataset'> = { now: Date.now() }): Promise<Hover | null> {
    const view = recordAt(document, layout, position, format);
    if (!view) {
      return null;
    }
    const own = recordHover(view, position, { ...options, inDataset: layout.shape !== 'single' });
    if (own) {
      return own;
    }
    const sub = view.subDocument;
    const hover = await this.service.doHover(sub, view.toRecordPosition(position), this.service.parseJSONDocument(sub));
    if (hover?.range) {
      hover.range = view.toDocumentRange(hover.range);
    }
    return hover;
  }

  foldingRanges(document: TextDocument, format: DocumentFormat): FoldingRange[] {
    if (format === 'jsonl') {
      return []; // one record per line: nothing spans lines
    }
    return this.service.getFoldingRanges(document, { rangeLimit: 50000 });
  }

  selectionRanges(document: TextDocument, layout: DocumentLayout, format: DocumentFormat, positions: Position[]): SelectionRange[] {
    return positions.map((position) => {
      const view = recordAt(document, layout, position, format);
      if (!view) {
        return { range: { start: position, end: position } };
      }
      const sub = view.subDocument;
      const [range] = this.service.getSelectionRanges(sub, [view.toRecordPosition(position)], this.service.parseJSONDocument(sub));
      const map = (r: SelectionRange | undefined): SelectionRange | undefined =>
        r ? { range: view.toDocumentRange(r.range), parent: map(r.parent) } : undefined;
      return nested(map(range)) ?? { range: { start: position, end: position } };
    });
  }

  format(document: TextDocument, range: Range | undefined, options: FormattingOptions): TextEdit[] {
    return this.service.format(document, range, options);
  }
}

function contains(outer: Range, inner: Range): boolean {
  const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

/**
 * LSP requires each parent to contain its child; in broken JSON the JSON
 * language service can chain a mis-scanned token under a property that ends
 * before it. Such parents are skipped, so the editor's expand-selection
 * still grows step by step.
 */
function nested(selection: SelectionRange | undefined): SelectionRange | undefined {
  if (!selection) {
    return undefined;
  }
  let parent = selection.parent;
  while (parent && !contains(parent.range, selection.range)) {
    parent = parent.parent;
  }
  return { range: selection.range, parent: nested(parent) };
}

/** Completion proposals in JSON Lines must not break the line. */
function flattenToOneLine(item: { insertText?: string; textEdit?: { newText: string } }): void {
  // (?<!\s): a whitespace run is tried from its start only (a proposal can quote a record's value), so this stays linear.
  const flatten = (s: string): string => s.replace(/(?<!\s)\s*\n\s*/g, ' ');
  if (item.insertText) {
    item.insertText = flatten(item.insertText);
  }
  if (item.textEdit) {
    item.textEdit.newText = flatten(item.textEdit.newText);
  }
}

/**
 * The JSON language service resolves a `$ref` by copying the referenced
 * schema over the referring one, so a property's own description (the hover
 * text) would be replaced by the shared definition's. Wrapping such refs in
 * `allOf` keeps the property's own annotations first.
 */
export function keepOwnAnnotations(schema: unknown): unknown {
  if (Array.isArray(schema)) {
    return schema.map(keepOwnAnnotations);
  }
  if (!schema || typeof schema !== 'object') {
    return schema;
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema as Record<string, unknown>)) {
    out[key] = key === 'enum' || key === 'const' || key === 'examples' || key === 'default' ? value : keepOwnAnnotations(value);
  }
  if (typeof out.$ref === 'string' && (out.description !== undefined || out.title !== undefined || out.examples !== undefined)) {
    const ref = out.$ref;
    delete out.$ref;
    out.allOf = [...((out.allOf as unknown[]) ?? []), { $ref: ref }];
  }
  return out;
}
