/**
 * Request plumbing shared by the features: cancellation, error handling and
 * document lookup.
 */
import { CancellationToken, Connection, LSPErrorCodes, Message, MessageStrategy, ResponseError } from 'vscode-languageserver/node';
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

/**
 * Logs requests about a document whose params name none. Their handler
 * throws before `runSafe` can catch it (reading `params.textDocument.uri`),
 * and the JSON-RPC layer answers an InternalError without a trace in the log;
 * this makes such a client bug visible. The request is then handled as usual.
 */
export function malformedRequestLogger(log: (message: string) => void): MessageStrategy {
  return {
    handleMessage(message, next) {
      if (Message.isRequest(message) && (message.method.startsWith('textDocument/') || message.method.startsWith('incidentRecords/'))) {
        const params = message.params as { textDocument?: { uri?: unknown } } | undefined;
        if (typeof params?.textDocument?.uri !== 'string') {
          log(`Malformed request ${message.method}: its params have no textDocument.uri.`);
        }
      }
      return next(message);
    },
  };
}
