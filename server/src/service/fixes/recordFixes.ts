/**
 * Computes the fixes of one diagnostic against the current text: finds its
 * record by `data.recordIndex`, builds the record's tree once per request,
 * and asks the code's provider.
 */
import { DocumentLayout } from '../parsing/recordSpans';
import { DiagnosticData } from '../problems';
import { Fix } from './fixTypes';
import { RecordSource, recordSource } from './recordSource';
import { StringSource, TextSource } from '../text/chunkedText';
import { FIX_PROVIDERS, isFixable } from './registry';

/** The records of one document version, each parsed on first use. */
export class RecordSources {
  private readonly cache = new Map<number, RecordSource | null>();
  readonly text: TextSource;

  constructor(
    text: string | TextSource,
    readonly layout: DocumentLayout,
  ) {
    this.text = typeof text === 'string' ? new StringSource(text) : text;
  }

  get(index: number): RecordSource | undefined {
    let src = this.cache.get(index);
    if (src === undefined) {
      const span = this.layout.spans[index];
      src = (span && recordSource(this.text, span)) ?? null;
      this.cache.set(index, src);
    }
    return src ?? undefined;
  }
}

function isData(data: unknown): data is DiagnosticData {
  return !!data && typeof data === 'object' && typeof (data as DiagnosticData).pointer === 'string';
}

/** The fixes for a diagnostic's code and data, or none when its record is gone or not parseable. */
export function fixesFor(sources: RecordSources, code: string, data: unknown): { fixes: Fix[]; src?: RecordSource } {
  // The code comes from the client: "constructor" must not find Object's.
  const provider = isFixable(code) ? FIX_PROVIDERS[code] : undefined;
  if (!provider || !isData(data)) {
    return { fixes: [] };
  }
  const index = typeof data.recordIndex === 'number' ? data.recordIndex : 0;
  const src = sources.get(index);
  return src ? { fixes: provider({ code, data, src }), src } : { fixes: [] };
}
