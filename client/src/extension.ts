import { window, workspace, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { ClientNotifications, SETTINGS_SECTION, type InitializationOptions } from '../../server/src/protocol';
import { registerCommands } from './commands';
import { scanMiddleware } from './scan';

let client: LanguageClient | undefined;

/**
 * Starts the language server for YAML files. The client stays thin: deciding whether a file is a
 * Kubernetes manifest, and everything after, happens in the server.
 */
export async function activate(context: ExtensionContext): Promise<void> {
  const output = window.createOutputChannel('Kubeward', { log: true });
  const module = context.asAbsolutePath('dist/server.js');
  // IPC rather than stdio: nothing a dependency prints can then corrupt the protocol.
  // The server's test-only hooks (KUBEWARD_TEST_*) never reach a real session, even when set in
  // the environment VS Code was started from.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('KUBEWARD_TEST_')));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { env } },
    debug: { module, transport: TransportKind.ipc, options: { env, execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'yaml', scheme: 'file' },
      { language: 'yaml', scheme: 'untitled' },
    ],
    outputChannel: output,
    // The server pulls `kubeward` settings per document; this only tells it when they change.
    // (File events for the workspace scan are registered by the server itself.)
    synchronize: { configurationSection: SETTINGS_SECTION },
    // Restricted Mode: the server then ignores registry hosts a repository's .kubeward.yaml adds.
    // A function, so that a restarted server learns the trust granted since activation.
    initializationOptions: (): InitializationOptions => ({ workspaceTrusted: workspace.isTrusted }),
    middleware: scanMiddleware(() => client),
  };
  // The id makes the client read `kubeward.trace.server`.
  const languageClient = new LanguageClient('kubeward', 'Kubeward', serverOptions, clientOptions);
  client = languageClient;
  context.subscriptions.push(
    output,
    ...registerCommands({
      restart: () => languageClient.restart(),
      showOutput: () => output.show(true),
    }),
    workspace.onDidGrantWorkspaceTrust(() => {
      if (languageClient.isRunning()) void languageClient.sendNotification(ClientNotifications.workspaceTrusted);
    }),
  );
  await languageClient.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
