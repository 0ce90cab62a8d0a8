/**
 * Request plumbing shared by the features: cancellation, error handling and
 * document lookup.
 */
import { CancellationToken, Connection, LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ServerState } from '../incidentServer';

/** Runs a request handler: cancelled requests answer `RequestCancelled`, failures are logged and answered as errors. */
export function runSafe<T>(connection: Connection, token: CancellationToken, name: string, work: () => T | Promise<T>): Promise<T | ResponseError<void>> {
  if (token.isCancellationRequested) {
    return Promise.resolve(new ResponseError<void>(LSPErrorCodes.RequestCancelled, 'Request cancelled'));
  }
  return Promise.resolve()
    .then(work)
    .then(
      (result) => (token.isCancellationRequested ? new ResponseError<void>(LSPErrorCodes.RequestCancelled, 'Request cancelled') : result),
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        connection.console.error(`${name} failed: ${error instanceof Error ? (error.stack ?? message) : message}`);
        return new ResponseError<void>(LSPErrorCodes.RequestFailed, `${name} failed: ${message}`);
      },
    );
}

/** Runs `work` on the open document `uri`, or answers `fallback` when it is not open. */
export function withDocument<T>(
  state: ServerState,
  uri: string,
  token: CancellationToken,
  name: string,
  fallback: T,
  work: (document: TextDocument) => T | Promise<T>,
): Promise<T | ResponseError<void>> {
  const document = state.documents.get(uri);
  if (!document) {
    return Promise.resolve(fallback);
  }
  return runSafe(state.connection, token, name, () => work(document));
}
