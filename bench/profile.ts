/**
 * CPU profile of our server on the 2,000-Deployment file: one open, then `--edits` one-line edits,
 * each profiled on its own by bench/server-hook.ts (inspector, in process, from the notification's
 * arrival to the diagnostics leaving), so edits are not drowned by the open. Self time is
 * summed per function (the inspector's Profiler.start, `dispatch`, is left out) and mapped through dist/server.js.map back to source files.
 *
 *   npm run build && npx tsc -p . && node out/bench/profile.js [--docs 2000] [--edits 20] [--keep DIR] | --summarize DIR
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DidChangeTextDocumentNotification, DidOpenTextDocumentNotification } from 'vscode-languageserver-protocol/node';
import { deploymentsFile, replicasPosition } from './corpus';
import { delay, kubewardServer, LspSession, ROOT } from './lsp';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number; readonly columnNumber: number };
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface HotFunction {
  readonly name: string;
  readonly selfMs: number;
  readonly share: number;
}

function locate(map: SourceMap | undefined, frame: ProfileNode['callFrame']): string {
  const fn = frame.functionName || '(anonymous)';
  if (!frame.url) return fn;
  if (map && frame.url.endsWith('dist/server.js')) {
    const entry = map.findEntry(frame.lineNumber, frame.columnNumber) as { originalSource?: string; originalLine?: number };
    if (entry.originalSource) {
      const source = entry.originalSource.replace(/^.*?(node_modules\/|server\/src\/)/, '$1');
      return `${source}:${(entry.originalLine ?? 0) + 1} ${fn}`;
    }
  }
  return `${frame.url.replace(/^.*\/(node_modules\/|dist\/)/, '$1').replace(/^node:/, 'node:')} ${fn}`;
}

/** Self time per function over every profile in `files`, largest first. */
export function summarize(files: readonly string[], top = 15): { totalMs: number; functions: HotFunction[] } {
  let map: SourceMap | undefined;
  try {
    map = new SourceMap(JSON.parse(readFileSync(path.join(ROOT, 'dist', 'server.js.map'), 'utf8')));
  } catch {
    map = undefined; // a production bundle has no map; names stay bundle-level
  }
  const self = new Map<string, number>();
  let total = 0;
  for (const file of files) {
    const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, i) => {
      const node = byId.get(id);
      const us = profile.timeDeltas[i] ?? 0;
      // The inspector's own call that started this interval's profile; not the server's work.
      if (!node || (node.callFrame.functionName === 'dispatch' && !node.callFrame.url)) return;
      const key = locate(map, node.callFrame);
      self.set(key, (self.get(key) ?? 0) + us);
      total += us;
    });
  }
  const functions = [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, us]) => ({ name, selfMs: us / 1000, share: total > 0 ? us / total : 0 }));
  return { totalMs: total / 1000, functions };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const value = (name: string, fallback: string) => (argv.includes(name) ? (argv[argv.indexOf(name) + 1] ?? fallback) : fallback);
  const docs = Number(value('--docs', '2000'));
  const edits = Number(value('--edits', '20'));
  if (argv.includes('--summarize')) return report(path.resolve(value('--summarize', '.')));
  const keep = argv.includes('--keep') ? path.resolve(value('--keep', 'bench/results/profiles')) : undefined;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'kubeward-profile-'));
  const profiles = keep ?? path.join(tmp, 'profiles');
  mkdirSync(profiles, { recursive: true });
  const session = new LspSession(kubewardServer(), { env: { BENCH_PROFILE_DIR: profiles } });
  try {
    const file = path.join(tmp, 'deployments.yaml');
    const text = deploymentsFile(docs);
    writeFileSync(file, text);
    const uri = pathToFileURL(file).toString();
    await session.initialize(tmp);
    await delay(300);
    await session.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    await session.waitForDiagnostics(uri, 0, (p) => p.diagnostics.length > 0, 600_000);
    const { line, character } = replicasPosition(text, Math.floor(docs / 2));
    for (let i = 0; i < edits; i++) {
      await delay(150);
      const version = i + 2;
      const before = session.publishedCount(uri);
      const range = { start: { line, character }, end: { line, character: character + 1 } };
      await session.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range, text: i % 2 === 0 ? '4' : '1' }] });
      await session.waitForDiagnostics(uri, before, (p) => p.version === version, 120_000);
    }
    await delay(500); // the last profile is written asynchronously
  } finally {
    await session.stop();
  }
  report(profiles);
  if (keep) console.log(`\nProfiles kept in ${keep}`);
  rmSync(tmp, { recursive: true, force: true });
}

function report(profiles: string): void {
  const all = readdirSync(profiles).filter((f) => f.endsWith('.cpuprofile'));
  for (const kind of ['open', 'edit']) {
    const files = all.filter((f) => f.startsWith(`${kind}-`)).map((f) => path.join(profiles, f));
    const { totalMs, functions } = summarize(files);
    console.log(`\n${kind}: ${files.length} profile(s), ${totalMs.toFixed(0)} ms sampled${kind === 'edit' ? ` (${(totalMs / Math.max(1, files.length)).toFixed(1)} ms per edit)` : ''}`);
    for (const f of functions) console.log(`${f.selfMs.toFixed(1).padStart(9)} ms  ${(f.share * 100).toFixed(1).padStart(5)} %  ${f.name}`);
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
