// The language server's entry point: `node dist/server.js --stdio`, or `--node-ipc` when VS Code
// forks it. createConnection reads the transport from argv; everything else is in lsp/start.ts.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { redirectConsole, startServer } from './lsp/start';

const connection = createConnection(ProposedFeatures.all);
redirectConsole(connection);
startServer(connection);
