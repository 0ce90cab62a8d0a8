/**
 * Entry point of the language server. Creates the connection (IPC when
 * started by the extension, `--stdio` for any LSP editor, or `--socket=`),
 * routes console output to the client and starts the server.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { runCheckWorkerIfWorker } from './node/checkPool';
import { malformedRequestLogger } from './features/requests';
import { startServer } from './incidentServer';
import { nodeRuntime } from './node/nodeRuntime';

if (runCheckWorkerIfWorker()) {
  // This thread is one of the server's check workers: it serves batches of records, nothing else.
} else if (process.argv.includes('--version') || process.argv.includes('-v')) {
  process.stdout.write(`${nodeRuntime.version}\n`);
  process.exit(0);
} else if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write('Usage: incident-records-language-server --stdio | --node-ipc | --socket=PORT\n');
  process.exit(0);
} else if (!process.argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe') || a.startsWith('--clientProcessId'))) {
  process.stderr.write('incident-records-language-server: choose a transport: --stdio, --node-ipc or --socket=PORT\n');
  process.exit(2);
} else {
  start();
}

/** The language server on the transport the command line names. */
function start(): void {
  const connection = createConnection(ProposedFeatures.all, { messageStrategy: malformedRequestLogger((message) => connection.console.error(message)) });
  console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
  console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));
  process.on('unhandledRejection', (reason) => {
    connection.console.error(`Unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`);
  });

  startServer(connection, nodeRuntime);
}
