import { URI } from 'vscode-uri';

/** The file-system path of a document URI (its path for non-file schemes). */
export function filePathOf(uri: string): string {
  try {
    const parsed = URI.parse(uri);
    return parsed.scheme === 'file' ? parsed.fsPath : parsed.path;
  } catch {
    return uri;
  }
}
