/**
 * Bulk scanning: the CLI against the parse floor on the same files, and the language server's
 * memory with the big file open plus the workspace scanned (`kubeward.scanWorkspace`).
 * (bench/scan.ts is a colleague's standalone workspace-scan script; this module is the part of
 * `npm run bench` that compares against the floor.)
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { DidOpenTextDocumentNotification, ExecuteCommandRequest } from 'vscode-languageserver-protocol/node';
import { delay, kubewardServer, LspSession, ROOT } from './lsp';

const TIME = '/usr/bin/time';

export interface ProcessRun {
  readonly wallMs: number;
  /** From /usr/bin/time -v when installed, else undefined. */
  readonly peakRssMb: number | undefined;
  readonly cpuMs: number | undefined;
  readonly stdout: string;
  readonly code: number | null;
}

const children = new Set<ReturnType<typeof spawn>>();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

/** Runs `node args…` to completion, end to end, under /usr/bin/time -v when it exists. */
export function runNode(args: readonly string[], stdoutFile?: string): Promise<ProcessRun> {
  const timed = existsSync(TIME);
  const report = stdoutFile ? `${stdoutFile}.time` : undefined;
  const command = timed ? TIME : process.execPath;
  const argv = timed ? ['-v', ...(report ? ['-o', report] : []), process.execPath, ...args] : [...args];
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    const out: Buffer[] = [];
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - start;
      children.delete(child);
      const timeText = report && existsSync(report) ? readFileSync(report, 'utf8') : err;
      const field = (name: string) => new RegExp(`${name}: ([\\d.:]+)`).exec(timeText)?.[1];
      const kb = field('Maximum resident set size \\(kbytes\\)');
      const user = field('User time \\(seconds\\)');
      const sys = field('System time \\(seconds\\)');
      if (code !== 0) return reject(new Error(`node ${args.join(' ')} exited with ${code}: ${err.slice(-2000)}`));
      resolve({
        wallMs,
        peakRssMb: kb ? Number(kb) / 1024 : undefined,
        cpuMs: user && sys ? (Number(user) + Number(sys)) * 1000 : undefined,
        stdout: Buffer.concat(out).toString('utf8'),
        code,
      });
    });
  });
}

export interface ScanBench {
  readonly cli: readonly ProcessRun[];
  readonly floor: readonly ProcessRun[];
  readonly findings: number;
  readonly floorDocuments: number;
  /** In-process parse time reported by the floor (excludes Node start-up). */
  readonly floorParseMs: readonly number[];
}

/** `runs` of each, interleaved and alternating which goes first, so load drift hits both alike. */
export async function benchScan(corpusDir: string, tmp: string, runs: number): Promise<ScanBench> {
  const cli: ProcessRun[] = [];
  const floor: ProcessRun[] = [];
  const floorParseMs: number[] = [];
  let findings = -1;
  let floorDocuments = -1;
  const report = path.join(tmp, 'scan-report.json');
  const runCli = async () => {
    const run = await runNode([path.join(ROOT, 'dist', 'cli.js'), 'scan', '--format', 'json', '--exit-zero', '-o', report, corpusDir], report);
    if (findings < 0) findings = (JSON.parse(readFileSync(report, 'utf8')) as { findings: unknown[] }).findings.length;
    cli.push(run);
  };
  const runFloor = async () => {
    const run = await runNode([path.join(ROOT, 'out', 'bench', 'parse-floor.js'), corpusDir], path.join(tmp, 'floor.out'));
    const result = JSON.parse(run.stdout) as { documents: number; parseMs: number };
    floorDocuments = result.documents;
    floorParseMs.push(result.parseMs);
    floor.push(run);
  };
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) {
      await runCli();
      await runFloor();
    } else {
      await runFloor();
      await runCli();
    }
  }
  rmSync(report, { force: true });
  return { cli, floor, findings, floorDocuments, floorParseMs };
}

export interface WorkspaceMemory {
  /** Whether the server offers kubeward.scanWorkspace. */
  readonly available: boolean;
  readonly rssAfterOpenMb?: number;
  readonly rssAfterScanMb?: number;
  readonly peakMb?: number;
  readonly scanMs?: number;
  readonly filesScanned?: number;
}

/**
 * The server with the big file open, then the whole workspace scanned through the server's own
 * command. RSS is read after a pause, so garbage the scan left behind has had a chance to go;
 * what stays is what the server keeps.
 */
export async function benchWorkspaceMemory(bigFile: string, bigText: string, workspace: string): Promise<WorkspaceMemory> {
  const session = new LspSession(kubewardServer(), { workspaceFolders: [workspace] });
  try {
    await session.initialize();
    if (!session.commands.includes('kubeward.scanWorkspace')) return { available: false };
    const uri = pathToFileURL(bigFile).toString();
    await session.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text: bigText } });
    await session.waitForDiagnostics(uri, 0, (p) => p.diagnostics.length > 0, 300_000);
    await delay(1000);
    const afterOpen = session.memory();
    const start = performance.now();
    const summary = (await session.connection.sendRequest(ExecuteCommandRequest.type, { command: 'kubeward.scanWorkspace', arguments: [] })) as { filesScanned?: number } | null;
    const scanMs = performance.now() - start;
    await delay(2000);
    const afterScan = session.memory();
    return {
      available: true,
      ...(afterOpen ? { rssAfterOpenMb: afterOpen.rssMb } : {}),
      ...(afterScan ? { rssAfterScanMb: afterScan.rssMb, peakMb: afterScan.peakMb } : {}),
      scanMs,
      ...(typeof summary?.filesScanned === 'number' ? { filesScanned: summary.filesScanned } : {}),
    };
  } finally {
    await session.stop();
  }
}
