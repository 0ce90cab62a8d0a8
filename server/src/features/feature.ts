/**
 * A server feature contributes capabilities in `initialize` and registers its
 * handlers on the connection. Features live one per file in this folder and
 * are listed in `index.ts`.
 */
import type { ClientCapabilities, ServerCapabilities } from 'vscode-languageserver/node';
import type { ServerState } from '../incidentServer';

export interface ServerFeature {
  /** Capabilities to announce, given what the client supports. */
  capabilities(client: ClientCapabilities): ServerCapabilities;
  /** Registers the feature's handlers; called once, before the connection listens. */
  register(state: ServerState): void;
}
