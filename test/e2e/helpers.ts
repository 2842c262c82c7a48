import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';

/** The repository root: out-e2e/ sits directly under it. */
export const REPO_ROOT = path.resolve(__dirname, '..');

/** `publisher.name`, read from the manifest so a rename cannot leave the suite testing nothing. */
export const EXTENSION_ID = (() => {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { publisher: string; name: string };
  return `${manifest.publisher}.${manifest.name}`;
})();

/** Every wait has a deadline well inside mocha's 30 s test timeout, so a miss reports what it saw. */
export const WAIT_MS = 20_000;

export function workspaceUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('The e2e host was started without a workspace folder.');
  return vscode.Uri.joinPath(folder.uri, relative);
}

export function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const { code } = diagnostic;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

export function kubewardDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'kubeward');
}

function describe(diagnostics: readonly vscode.Diagnostic[]): string {
  if (diagnostics.length === 0) return '(none)';
  return diagnostics.map((d) => `${d.source ?? '?'}/${codeOf(d) ?? '?'} ${formatRange(d.range)}`).join(', ');
}

export function formatRange(range: vscode.Range): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

/**
 * Resolves with the Kubeward diagnostics of `uri` once `accept` holds for them: at once if it holds
 * already, else on the next onDidChangeDiagnostics that makes it hold. Rejects after `timeoutMs`
 * with what was last seen, so a failure says what the server published instead.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = WAIT_MS,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const current = kubewardDiagnostics(uri);
      if (!accept(current)) return false;
      cleanup();
      resolve(current);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      cleanup();
      const seen = vscode.languages.getDiagnostics(uri);
      reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what} in ${path.basename(uri.path)}; diagnostics: ${describe(seen)}`));
    }, timeoutMs);
    function cleanup(): void {
      clearTimeout(timer);
      subscription.dispose();
    }
    check();
  });
}

export function hasCode(code: string): (diagnostics: vscode.Diagnostic[]) => boolean {
  return (diagnostics) => diagnostics.some((d) => codeOf(d) === code);
}

export function lacksCode(code: string): (diagnostics: vscode.Diagnostic[]) => boolean {
  return (diagnostics) => !diagnostics.some((d) => codeOf(d) === code);
}

/**
 * The range of `needle` on the first line that starts with `lineMarker` (after indentation), so
 * expectations read like the fixture instead of like offsets. Comment lines never start with a key.
 */
export function rangeOf(document: vscode.TextDocument, lineMarker: string, needle: string): vscode.Range {
  for (let line = 0; line < document.lineCount; line++) {
    const text = document.lineAt(line).text;
    const indent = text.length - text.trimStart().length;
    if (!text.startsWith(lineMarker, indent)) continue;
    const column = text.indexOf(needle, indent);
    if (column < 0) continue;
    return new vscode.Range(line, column, line, column + needle.length);
  }
  throw new Error(`No line in ${path.basename(document.uri.path)} starts with "${lineMarker}" and contains "${needle}".`);
}

export async function openFixture(relative: string): Promise<{ document: vscode.TextDocument; editor: vscode.TextEditor }> {
  const document = await vscode.workspace.openTextDocument(workspaceUri(relative));
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  return { document, editor };
}

/** Puts back the fixture's text from disk and saves, so tests can run in any order. */
export async function restoreFixture(document: vscode.TextDocument, original: string): Promise<void> {
  if (document.isClosed) return;
  if (document.getText() !== original) {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), original);
    await vscode.workspace.applyEdit(edit);
  }
  if (document.isDirty) await document.save();
}

export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}

/** A process the extension host started, from the OS process table. */
export interface ChildProcessInfo {
  readonly pid: number;
  readonly commandLine: string;
}

/**
 * Children of this extension host whose command line names `script`. The language client forks the
 * server from the extension host, so the server is a direct child; matching the parent keeps a
 * second VS Code on the same machine out of it.
 */
export function childProcessesRunning(script: string): ChildProcessInfo[] {
  const rows: { pid: number; ppid: number; commandLine: string }[] = [];
  if (process.platform === 'linux') {
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
        // The command name in parentheses may contain spaces; the fields after it do not.
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        const commandLine = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ');
        rows.push({ pid: Number(entry), ppid, commandLine });
      } catch {
        // The process exited while we read the table.
      }
    }
  } else if (process.platform !== 'win32') {
    const table = execFileSync('ps', ['-A', '-o', 'pid=,ppid=,args='], { encoding: 'utf8' });
    for (const line of table.split('\n')) {
      const match = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line);
      if (match) rows.push({ pid: Number(match[1]), ppid: Number(match[2]), commandLine: match[3] ?? '' });
    }
  } else {
    throw new Error('Finding the language server process is implemented for Linux and macOS only.');
  }
  return rows.filter((row) => row.ppid === process.pid && row.commandLine.includes(script));
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Polls `condition` until it holds. Only for state that raises no event (the OS process table);
 * everything the vscode API can signal is awaited through its events instead.
 */
export async function pollUntil<T>(condition: () => T | undefined, what: string, timeoutMs = WAIT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = condition();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
