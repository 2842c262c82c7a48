import { Uri, window, workspace } from 'vscode';
import { ExecuteCommandRequest, type BaseLanguageClient, type Middleware } from 'vscode-languageclient';
import { ServerCommands, type ScanSummary } from '../../server/src/protocol';

const SCAN_COMMANDS: ReadonlySet<string> = new Set([ServerCommands.scanWorkspace, ServerCommands.scanFolder]);

/** VS Code passes `Uri` objects (the explorer: the clicked folder, then every selected one); the server takes URI strings. */
function toUriStrings(args: readonly unknown[]): string[] {
  const out = new Set<string>();
  const visit = (value: unknown) => {
    if (value instanceof Uri) out.add(value.toString());
    else if (typeof value === 'string') out.add(value);
    else if (Array.isArray(value)) value.forEach(visit);
  };
  args.forEach(visit);
  return [...out];
}

function plural(count: number, word: string): string {
  return `${count.toLocaleString()} ${word}${count === 1 ? '' : 's'}`;
}

export function describeSummary(summary: ScanSummary): string {
  const { findings } = summary;
  const counts = [
    findings.error && plural(findings.error, 'error'),
    findings.warning && plural(findings.warning, 'warning'),
    findings.info && `${findings.info.toLocaleString()} info`,
    findings.hint && plural(findings.hint, 'hint'),
  ].filter(Boolean);
  const found = counts.length > 0 ? counts.join(', ') : 'no findings';
  const extra = [
    summary.filesSkipped > 0 && `${summary.filesSkipped.toLocaleString()} skipped`,
    summary.filesWithErrors > 0 && `${summary.filesWithErrors.toLocaleString()} unreadable`,
    summary.suppressed > 0 && `${summary.suppressed.toLocaleString()} suppressed`,
  ].filter(Boolean);
  const head = summary.cancelled ? 'Kubeward scan cancelled after' : 'Kubeward scanned';
  return `${head} ${plural(summary.filesScanned, 'file')} in ${(summary.durationMs / 1000).toFixed(1)} s: ${found}${extra.length > 0 ? ` (${extra.join(', ')})` : ''}.`;
}

async function exportSarif(client: BaseLanguageClient): Promise<void> {
  const sarif = (await client.sendRequest(ExecuteCommandRequest.type, { command: ServerCommands.exportSarif })) as string | null;
  if (!sarif) return;
  const folder = workspace.workspaceFolders?.[0]?.uri;
  const target = await window.showSaveDialog({
    title: 'Export Kubeward findings as SARIF',
    filters: { SARIF: ['sarif', 'json'] },
    ...(folder ? { defaultUri: Uri.joinPath(folder, 'kubeward.sarif') } : {}),
  });
  if (!target) return;
  await workspace.fs.writeFile(target, new TextEncoder().encode(sarif));
  void window.showInformationMessage(`Saved ${workspace.asRelativePath(target)}.`);
}

async function openReport(client: BaseLanguageClient): Promise<void> {
  const markdown = (await client.sendRequest(ExecuteCommandRequest.type, { command: ServerCommands.scanReport })) as string | null;
  if (!markdown) return;
  const document = await workspace.openTextDocument({ content: markdown, language: 'markdown' });
  await window.showTextDocument(document, { preview: false });
}

/**
 * The scan commands are the server's (any LSP client can run them); the language client registers
 * them from `executeCommandProvider`. This middleware adapts the arguments on the way in and shows
 * the summary on the way out; the command still returns the summary (the e2e suite reads it).
 */
export function scanMiddleware(getClient: () => BaseLanguageClient | undefined): Pick<Middleware, 'executeCommand'> {
  return {
    executeCommand: async (command, args, next) => {
      if (!SCAN_COMMANDS.has(command)) return next(command, args);
      const summary = (await next(command, toUriStrings(args))) as ScanSummary | null | undefined;
      const client = getClient();
      if (summary && client) {
        const show = summary.findings.error > 0 ? window.showWarningMessage : window.showInformationMessage;
        void show(describeSummary(summary), 'Export SARIF', 'Open report').then((choice) => {
          const run = choice === 'Export SARIF' ? exportSarif(client) : choice === 'Open report' ? openReport(client) : undefined;
          run?.catch((error: unknown) => void window.showErrorMessage(`Kubeward: ${error instanceof Error ? error.message : String(error)}`));
        });
      }
      return summary;
    },
  };
}
