import { analyzeText, ChunkCache, type AnalysisResult } from '../engine/analyze';
import { applyEdits } from '../engine/apply';
import { analyzeFile, readManifestFileSync, type StoredFile } from '../engine/files';
import { fixAll } from '../engine/fix-all';
import { splitDocuments } from '../engine/parse';
import { ScanPool, type ScanContext, type ScanFileResult } from '../engine/scan-pool';
import { crdRegistry } from '../engine/schema/crd';
import { BOM, LineIndex } from '../engine/text';
import { describeFsError, walk } from '../engine/walk';
import { gitignoreExclusion } from './gitignore';
import { mergeFacts, sharedFactsOfChunk, WorkspaceIndex, type FileFacts } from '../engine/workspace';
import { PIN_DIGEST_RULES, imageAt, pinImages, unpinnedImages, type ImageTarget } from '../registry/pin';
import { RegistryResolver } from '../registry/resolver';
import type { FixMode } from './args';
import { writeFileAtomic } from './atomic-write';
import { CliConfig, isConfigFileName, type FileConfig } from './config';
import { unifiedDiff } from './diff';
import { compareFindings, compareMessages, displayPath, toReportFinding, type FileMessage, type ReportFinding, type ScanReport } from './report';
import { VERSION } from './version';

/** What `--pin-digests` needs; absent means no network access at all. */
export interface PinRequest {
  /** `--insecure-registry`; each file's `.kubeward.yaml` `registry.insecureHosts` is added. */
  readonly insecureHosts: readonly string[];
  readonly timeoutMs?: number;
  /** `--pin-drop-tag`; `.kubeward.yaml` `fix.keepTagWhenPinning: false` also drops it. */
  readonly dropTag: boolean;
  /** Where proxy variables and DOCKER_CONFIG are read. */
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface ScanRequest {
  readonly paths: readonly string[];
  readonly cwd: string;
  readonly config: CliConfig;
  readonly fix: FixMode;
  /** `--unsafe-fixes`; a config file's `fix.unsafe: true` turns them on for its files too. */
  readonly unsafe: boolean;
  readonly pin?: PinRequest;
  /** Analyse in worker threads: `auto` when there are enough files to pay for starting them. */
  readonly pool?: 'auto' | 'on' | 'off';
}

/**
 * Below this many files, starting worker threads (each loads the engine and the schemas) costs
 * more than it saves on two cores.
 */
export const POOL_MIN_FILES = 8;

/** The facts a file shares with the others (namespaces' levels, NetworkPolicies, ServiceAccounts). */
function sharedFacts(text: string): FileFacts {
  return mergeFacts(splitDocuments(text).map((chunk) => sharedFactsOfChunk(chunk.text)));
}

interface Prepass {
  readonly index: WorkspaceIndex;
  readonly context: ScanContext;
  /** Files kept from the first pass for the workers (within KEPT_TEXT), by absolute path. */
  readonly kept: Map<string, StoredFile>;
}

/**
 * How much text (in characters) the first pass keeps for the workers, which then need not open
 * and read those files again (~7% of their time on the bulk corpus, mostly open()). Beyond it
 * files are read again, so memory stays bounded on large trees.
 */
const KEPT_TEXT = 32 * 1024 * 1024;

/**
 * The first pass: what each file tells the others, so that a NetworkPolicy or a namespace label in
 * one file counts for the workloads of every other file, as in the editor's workspace scan; and
 * every CustomResourceDefinition, so that custom resources in any file are validated against it.
 */
async function prepass(files: readonly { file: string; settings: FileConfig }[], keep: boolean): Promise<Prepass> {
  const index = new WorkspaceIndex();
  const facts: [string, FileFacts][] = [];
  const crdSources: [string, string][] = [];
  const kept = new Map<string, StoredFile>();
  let keptText = 0;
  crdRegistry.clear();
  for (const { file, settings } of files) {
    // Blocking reads: nothing else runs yet, and thousands of promise round trips cost more than the reads.
    const read = readManifestFileSync(file, { maxFileSize: settings.settings.maxFileSize });
    if (read.status !== 'ok') continue;
    const text = read.file.text;
    if (keep && keptText + text.length <= KEPT_TEXT) {
      kept.set(file, read.file);
      keptText += text.length;
    }
    if (text.includes('CustomResourceDefinition') && crdRegistry.setFromText(file, text).length > 0) crdSources.push([file, text]);
    // A file's own facts always count (analyzeText adds them), so one file needs no index.
    if (files.length < 2) continue;
    const shared = sharedFacts(text);
    // Files that share nothing are left out, which keeps every file's view small.
    if (shared.namespaces.length > 0 || shared.policies.length > 0 || shared.serviceAccounts.length > 0) {
      index.set(file, shared);
      facts.push([file, shared]);
    }
  }
  return { index, context: { facts, crdSources }, kept };
}

/** One resolver per distinct registry configuration, so look-ups of repeated images are shared. */
class Resolvers {
  private readonly byKey = new Map<string, RegistryResolver>();
  constructor(private readonly pin: PinRequest) {}

  for(config: FileConfig): RegistryResolver {
    const insecureHosts = [...new Set([...this.pin.insecureHosts, ...config.registry.insecureHosts])].sort();
    const key = JSON.stringify([insecureHosts, config.registry.useDockerConfig]);
    let resolver = this.byKey.get(key);
    if (!resolver) {
      resolver = new RegistryResolver({
        insecureHosts,
        useDockerConfig: config.registry.useDockerConfig,
        env: this.pin.env,
        ...(this.pin.timeoutMs !== undefined ? { timeoutMs: this.pin.timeoutMs } : {}),
        settingNames: {
          insecureHosts: '--insecure-registry (or registry.insecureHosts in .kubeward.yaml)',
          useDockerConfig: 'registry.useDockerConfig in .kubeward.yaml',
        },
      });
      this.byKey.set(key, resolver);
    }
    return resolver;
  }
}

/**
 * What `--pin-digests` looks up: every image not pinned by digest, whether or not the digest rules
 * are on in the profile (the flag is the request), except images whose digest finding a
 * suppression hides: someone decided that image keeps its floating tag.
 */
function pinTargets(result: AnalysisResult): ImageTarget[] {
  const kept = new Set<number>();
  for (const finding of result.suppressed) {
    if (!PIN_DIGEST_RULES.has(finding.ruleId)) continue;
    const target = imageAt(result.objects, finding.span);
    if (target) kept.add(target.offset + target.image.span.start);
  }
  return unpinnedImages(result.objects).filter((target) => !kept.has(target.offset + target.image.span.start));
}

function usePool(request: ScanRequest, files: number, env: ScanRequest['pool']): boolean {
  // Fixing and pinning need the text and the edits in this thread; workers return findings only.
  if (request.fix !== 'none') return false;
  if (env === 'on') return true;
  if (env === 'off') return false;
  return files >= POOL_MIN_FILES;
}

/** Walks, reads, analyses and (when asked) fixes the files. Never throws for bad input. */
export async function runScan(request: ScanRequest): Promise<ScanReport> {
  const { cwd, config } = request;
  const show = (file: string) => displayPath(cwd, file);
  const walked = await walk(request.paths, { cwd, exclude: gitignoreExclusion() });
  const findings: ReportFinding[] = [];
  const suppressed: ReportFinding[] = [];
  const errors: FileMessage[] = walked.errors.map((error) => ({ file: show(error.path), message: error.message }));
  const skipped: FileMessage[] = [];
  const notes: FileMessage[] = [];
  const diffs: string[] = [];
  let fixedProblems = 0;
  let fixedFiles = 0;
  let pinnedImages = 0;

  // Config files are configuration, not manifests (as in the editor's scan); their mistakes are reported below.
  const targets: { file: string; settings: FileConfig }[] = [];
  for (const file of walked.files) {
    if (!walked.named.has(file) && isConfigFileName(file)) {
      config.load(file);
      continue;
    }
    const settings = config.forFile(file);
    if (settings.excluded) {
      // Named files are not scanned either (as ESLint does), so a pre-commit hook that passes
      // changed files respects the exclusions; it is said, so that nobody is surprised.
      if (walked.named.has(file)) skipped.push({ file: show(file), message: `Excluded by the "exclude" patterns of ${show(settings.config?.file ?? '')}; it was not analysed.` });
      continue;
    }
    targets.push({ file, settings });
  }
  // Started before the first pass, so that the workers load the engine while this thread reads
  // the files; idle workers never hold the process, so nothing waits on them if it throws.
  const pool = usePool(request, targets.length, request.pool) ? new ScanPool() : undefined;
  pool?.start();
  const { index: workspaces, context, kept } = await prepass(targets, pool !== undefined);
  const unsafeFor = (settings: FileConfig) => request.unsafe || settings.settings.fix.unsafe;

  const addFailures = (file: string, failures: AnalysisResult['failures']) => {
    for (const failure of failures) {
      const reason = failure.error.split('\n')[0] ?? failure.error;
      errors.push({ file, message: `Rule "${failure.ruleId}" failed on this file, so its findings may be missing: ${reason}` });
    }
  };

  if (pool) {
    const byFile = new Map(targets.map((t) => [t.file, t.settings.settings]));
    let outcome;
    try {
      outcome = await pool.scan(
        targets.map((t) => t.file),
        (file) => byFile.get(file) as FileConfig['settings'],
        {
          limitHint: '--max-file-size',
          context,
          read: (file) => {
            const stored = kept.get(file);
            kept.delete(file);
            return stored;
          },
        },
      );
    } finally {
      await pool.dispose();
    }
    for (const result of outcome.results) collectPooled(result, show(result.path), { findings, suppressed, errors, skipped, notes }, addFailures);
  } else {
    const resolvers = request.pin ? new Resolvers(request.pin) : undefined;
    for (const { file: absolute, settings: fileConfig } of targets) {
      const file = show(absolute);
      const { settings } = fileConfig;
      const unsafe = unsafeFor(fileConfig);
      // One cache per file: fix-all and the re-analysis after writing reuse the untouched documents.
      const cache = new ChunkCache();
      const workspace = workspaces.viewFor(absolute);
      const analysis = await analyzeFile(absolute, { settings, cache, workspace, limitHint: '--max-file-size' });
      if (analysis.status !== 'ok') {
        (analysis.status === 'error' ? errors : skipped).push({ file, message: analysis.message });
        continue;
      }
      let text = analysis.file.text;
      let result: AnalysisResult = analysis.result;
      if (analysis.partlySkipped) notes.push({ file, message: analysis.partlySkipped });

      if (request.fix !== 'none') {
        let fixedText = text;
        let pinned = 0;
        if (resolvers) {
          const images = pinTargets(result);
          if (images.length > 0) {
            const lines = new LineIndex(text);
            const dropTag = request.pin?.dropTag === true || !settings.fix.keepTagWhenPinning;
            const report = await pinImages(images, resolvers.for(fileConfig), { dropTag });
            for (const failure of report.failed) {
              const { image, offset } = failure.target;
              errors.push({ file, message: failure.message, range: lines.rangeOf({ start: image.span.start + offset, end: image.span.end + offset }), kind: 'pin-digests' });
            }
            for (const done of report.pinned) {
              for (const notice of done.resolved.notices) notes.push({ file, message: notice });
            }
            if (report.edits.length > 0) fixedText = applyEdits(text, report.edits);
            pinned = report.pinned.filter((p) => p.pinned !== p.target.image.value).length;
          }
        }
        let fixedCount = 0;
        if (fixedText !== text || result.findings.some((finding) => finding.fix && (unsafe || finding.fix.safety === 'safe'))) {
          const fixed = fixAll(fixedText, { settings, cache, workspace, unsafe });
          fixedText = fixed.text;
          fixedCount = fixed.fixed;
        }
        if (fixedText !== text) {
          if (request.fix === 'dry-run') {
            const bom = analysis.file.bom ? BOM : '';
            diffs.push(unifiedDiff(file, bom + text, bom + fixedText));
            fixedProblems += fixedCount + pinned;
            pinnedImages += pinned;
            fixedFiles++;
          } else {
            try {
              await writeFileAtomic(analysis.file, fixedText);
              text = fixedText;
              result = analyzeText(text, { settings, cache, workspace });
              fixedProblems += fixedCount + pinned;
              pinnedImages += pinned;
              fixedFiles++;
            } catch (error) {
              errors.push({ file, message: `The fixes could not be written, so the file was left as it was: ${describeFsError(error)}` });
            }
          }
        }
      }

      addFailures(file, result.failures);
      const index = new LineIndex(text);
      for (const finding of result.findings) findings.push(toReportFinding(file, index, finding));
      for (const finding of result.suppressed) suppressed.push(toReportFinding(file, index, finding));
    }
  }

  for (const message of config.messages(show)) {
    errors.push({ file: message.file, message: message.message, ...(message.range ? { range: message.range } : {}), severity: message.severity, kind: 'config' });
  }

  return {
    version: VERSION,
    cwd,
    filesScanned: targets.length,
    findings: findings.sort(compareFindings),
    suppressed: suppressed.sort(compareFindings),
    errors: errors.sort(compareMessages),
    skipped: skipped.sort(compareMessages),
    notes: notes.sort(compareMessages),
    ...(request.fix !== 'none'
      ? { fixed: { problems: fixedProblems, files: fixedFiles, dryRun: request.fix === 'dry-run', ...(request.pin ? { pinned: pinnedImages } : {}) } }
      : {}),
    diffs,
  };
}

interface Collected {
  readonly findings: ReportFinding[];
  readonly suppressed: ReportFinding[];
  readonly errors: FileMessage[];
  readonly skipped: FileMessage[];
  readonly notes: FileMessage[];
}

/**
 * A worker's result in the report's form. Field order matters: the JSON output must be the same
 * byte for byte as the single-threaded scan's (toReportFinding).
 */
function collectPooled(result: ScanFileResult, file: string, out: Collected, addFailures: (file: string, failures: AnalysisResult['failures']) => void): void {
  if (result.status !== 'ok') {
    (result.status === 'error' ? out.errors : out.skipped).push({ file, message: result.message });
    return;
  }
  if (result.partlySkipped) out.notes.push({ file, message: result.partlySkipped });
  addFailures(file, result.failures);
  const convert = (f: (typeof result.findings)[number] | (typeof result.suppressed)[number]): ReportFinding => ({
    file,
    rule: f.ruleId,
    severity: f.severity,
    message: f.message,
    range: f.range,
    resource: f.resource
      ? { apiVersion: f.resource.apiVersion, kind: f.resource.kind, name: f.resource.name ?? null, namespace: f.resource.namespace ?? null }
      : null,
    ...(f.container !== undefined ? { container: f.container } : {}),
    path: f.path,
    ...(f.fixable ? { fixable: f.fixable } : {}),
    ...('suppression' in f
      ? { suppression: { kind: f.suppression.kind, ...(f.suppression.justification !== undefined ? { justification: f.suppression.justification } : {}) } }
      : {}),
  });
  for (const f of result.findings) out.findings.push(convert(f));
  for (const f of result.suppressed) out.suppressed.push(convert(f));
}
