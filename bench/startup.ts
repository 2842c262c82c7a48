/**
 * Start-up: extension activation (bench/startup-probe.ts in fresh processes) and the packaged
 * .vsix size (`npm run package`, the same command a release uses).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './lsp';
import { runNode } from './bulk-scan';

export interface ActivationRun {
  readonly loadMs?: number;
  readonly activateCallMs?: number;
  readonly toServerLaunchMs?: number;
  readonly activateResolvedMs?: number;
  readonly outcome: 'resolved' | 'rejected' | 'timeout' | 'failed';
  readonly error?: string;
}

export interface StartupBench {
  readonly runs: readonly ActivationRun[];
  /** Production (minified, as packaged) or development bundle. */
  readonly bundle: 'production' | 'development';
  readonly bundleBytes: number;
}

export async function benchActivation(runs: number): Promise<StartupBench> {
  const file = path.join(ROOT, 'dist', 'extension.js');
  const text = readFileSync(file, 'utf8');
  const result: ActivationRun[] = [];
  for (let i = 0; i < runs; i++) {
    const run = await runNode([path.join(ROOT, 'out', 'bench', 'startup-probe.js')]);
    result.push(JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as ActivationRun);
  }
  return { runs: result, bundle: text.includes('sourceMappingURL') ? 'development' : 'production', bundleBytes: Buffer.byteLength(text) };
}

export interface PackageResult {
  readonly ok: boolean;
  readonly file?: string;
  readonly bytes?: number;
  /** The tail of npm's output when packaging failed. */
  readonly error?: string;
  /**
   * When `npm run package` failed (its type check covers work in progress elsewhere in the tree),
   * the same bundles and vsce call without the type check, so the size is still known.
   */
  readonly fallbackBytes?: number;
}

/** `npm run package`; on failure the reason is reported rather than thrown. */
export function packageVsix(tmp: string): PackageResult {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const file = path.join(ROOT, `kubeward-${pkg.version}.vsix`);
  const run = spawnSync('npm', ['run', 'package', '--silent'], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
  if (run.status !== 0 || !existsSync(file)) {
    const output = `${run.stdout ?? ''}\n${run.stderr ?? ''}`.trim().split('\n').slice(-12).join('\n');
    const error = run.error ? String(run.error) : output || `npm exited with ${run.status}`;
    const fallback = path.join(tmp, 'kubeward-fallback.vsix');
    const packed = packStaged(tmp, fallback);
    return { ok: false, error, ...(packed && existsSync(fallback) ? { fallbackBytes: statSync(fallback).size } : {}) };
  }
  return { ok: true, file, bytes: statSync(file).size };
}

/**
 * vsce always runs `vscode:prepublish` (type check + production bundles), and refuses relative
 * README links without a repository URL, so either can stop `npm run package` for reasons that
 * have nothing to do with size. This bundles for production, copies exactly the files vsce would
 * ship (`vsce ls`) into a staging folder whose package.json has no prepublish script, and packs that.
 */
function packStaged(tmp: string, output: string): boolean {
  const vsce = path.join(ROOT, 'node_modules', '.bin', 'vsce');
  if (spawnSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: ROOT, stdio: 'ignore', timeout: 300_000 }).status !== 0) return false;
  const listed = spawnSync(vsce, ['ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
  if (listed.status !== 0) return false;
  const stage = path.join(tmp, 'vsix-stage');
  for (const file of listed.stdout.split('\n').map((l) => l.trim()).filter(Boolean)) {
    mkdirSync(path.dirname(path.join(stage, file)), { recursive: true });
    copyFileSync(path.join(ROOT, file), path.join(stage, file));
  }
  const manifest = JSON.parse(readFileSync(path.join(stage, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  delete manifest.scripts?.['vscode:prepublish'];
  writeFileSync(path.join(stage, 'package.json'), JSON.stringify(manifest, null, 2));
  if (existsSync(path.join(ROOT, 'LICENSE'))) copyFileSync(path.join(ROOT, 'LICENSE'), path.join(stage, 'LICENSE'));
  const args = ['package', '--no-dependencies', '--baseContentUrl', 'https://example.invalid/', '--baseImagesUrl', 'https://example.invalid/', '-o', output];
  return spawnSync(vsce, args, { cwd: stage, stdio: 'ignore', timeout: 300_000 }).status === 0 && existsSync(output);
}

/** Puts the development bundles back (packaging leaves minified ones without source maps). */
export function rebuildDevelopment(): boolean {
  return spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'ignore', timeout: 300_000 }).status === 0;
}
