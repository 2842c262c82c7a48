import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CancellationTokenSource,
  FileChangeType,
  type CancellationToken,
  type Connection,
  type Diagnostic,
  type FileEvent,
  type TextDocuments,
  type WorkDoneProgressReporter,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { loadConfigFile } from '../engine/config-file';
import { filesExcludeMatcher, GitignoreMatcher } from '../engine/gitignore';
import { splitDocuments } from '../engine/parse';
import type { ScanContext, ScanFileResult, ScanFinding, ScanPool } from '../engine/scan-pool';
import { DEFAULT_NAMESPACE, mergeFacts, sharedFactsOfChunk, type FileFacts } from '../engine/workspace';
import { crdRegistry } from '../engine/schema';
import { DEFAULT_SKIP_DIRS, walk } from '../engine/walk';
import { DIAGNOSTIC_SOURCE, SETTINGS_SECTION, type DiagnosticData, type ScanSummary } from '../protocol';
import { configProblemDiagnostics, isConfigFile } from './config-diagnostics';
import { codeDescriptionOf, toLspSeverity } from './diagnostics';
import { scanMarkdown, scanSarif, type FinishedScan } from './scan-report';
import { filePath, folderOf, type DocumentSettings, type SettingsStore } from './settings';
import { resourceKey } from './workspace-crds';

/** A folder that was scanned, with the exclusions it was scanned under (re-used for file events). */
interface ScanRoot {
  /** The folder walked. */
  readonly dir: string;
  /** The workspace folder it belongs to (itself when outside every workspace folder). */
  readonly base: string;
  /** Excluded by files.exclude or .gitignore; `relative` is `/`-separated from `base`. */
  readonly excluded: (relative: string, isDirectory: boolean) => boolean;
  readonly settingsFor: (file: string) => DocumentSettings;
}

/** What the server last published for a closed file, and what it was computed from. */
interface Entry {
  diagnostics: Diagnostic[];
  result?: ScanFileResult;
}

/** Diagnostics of a scanned file. No `fix` in `data`: edits are computed once the file is opened. */
export function scanDiagnostics(result: ScanFileResult): Diagnostic[] {
  if (result.status !== 'ok') return [];
  // As for open files: a syntax error in YAML that is not Kubernetes is the YAML extension's business.
  const findings = result.looksLikeKubernetes ? result.findings : result.findings.filter((f) => f.ruleId !== 'yaml-syntax');
  return findings.map((finding: ScanFinding) => ({
    range: finding.range,
    severity: toLspSeverity(finding.severity),
    source: DIAGNOSTIC_SOURCE,
    code: finding.ruleId,
    codeDescription: codeDescriptionOf(finding.ruleId),
    message: finding.message,
    data: scanDataOf(finding.ruleId),
  }));
}

// Shared per rule: a scan keeps the diagnostics of thousands of files.
const scanData = new Map<string, DiagnosticData>();

function scanDataOf(ruleId: string): DiagnosticData {
  let data = scanData.get(ruleId);
  if (!data) {
    data = Object.freeze({ ruleId, version: -1 });
    scanData.set(ruleId, data);
  }
  return data;
}

function uriOf(file: string): string {
  return pathToFileURL(file).href;
}

function relativeTo(base: string, file: string): string | undefined {
  const relative = path.relative(base, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return relative.split(path.sep).join('/');
}

/**
 * The workspace scan: finds YAML files with the CLI's walker, analyses them in worker threads,
 * publishes diagnostics for files that are not open, and keeps them current from file events.
 *
 * Ownership of a file's diagnostics: while a document is open, the open-document path publishes
 * them; the scan only remembers its own result. Closing the document re-reads the file from disk
 * and publishes the scan's view again. File events are acted on only for files below a folder
 * that has been scanned in this session: before any scan, the Problems panel shows open files only.
 */
export class WorkspaceScanner {
  private readonly entries = new Map<string, Entry>();
  private readonly roots = new Map<string, ScanRoot>();
  private running: CancellationTokenSource | undefined;
  private last: FinishedScan | undefined;
  private refreshQueue = new Set<string>();
  private refreshTimer: NodeJS.Timeout | undefined;
  /**
   * Told what each scanned file shares with the others (undefined: gone, unreadable or not a
   * manifest), so open documents' cross-object findings count the files on disk.
   */
  onFacts: ((uri: string, facts: FileFacts | undefined) => void) | undefined;
  /** Facts of scanned files, by path: the context closed files are analysed in. */
  private readonly diskFacts = new Map<string, FileFacts>();
  /**
   * Told the text of each scanned file that mentions CustomResourceDefinition (undefined for any
   * other file, or one gone), so its CRDs are known to open documents and later scans.
   */
  onCrdText: ((uri: string, text: string | undefined) => void) | undefined;
  /** The texts declaring the workspace's CRDs, by origin: the workers validate custom resources with them. */
  crdSources: (() => readonly (readonly [string, string])[]) | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly settings: SettingsStore,
    private readonly pool: ScanPool,
    /** The client can show server-initiated progress (`window.workDoneProgress`). */
    private readonly progressSupported: boolean,
  ) {}

  get hasScanned(): boolean {
    return this.last !== undefined;
  }

  /** The last scan as SARIF, or undefined before any scan. */
  sarif(): string | undefined {
    return this.last ? scanSarif(this.last) : undefined;
  }

  /** The last scan as a Markdown report, or undefined before any scan. */
  markdown(): string | undefined {
    return this.last ? scanMarkdown(this.last) : undefined;
  }

  /**
   * Scans folders (URIs; all workspace folders when none are given). A scan already running is
   * cancelled: the newer request wins.
   */
  async scan(folderUris: readonly string[] | undefined, token: CancellationToken | undefined, attached: WorkDoneProgressReporter | undefined): Promise<ScanSummary> {
    this.running?.cancel();
    const source = new CancellationTokenSource();
    this.running = source;
    token?.onCancellationRequested(() => source.cancel());
    const started = Date.now();

    let progress: WorkDoneProgressReporter | undefined = attached;
    if (!progress && this.progressSupported) {
      const created = await this.connection.window.createWorkDoneProgress();
      created.token.onCancellationRequested(() => source.cancel());
      progress = created;
    }
    progress?.begin('Kubeward: scanning', 0, 'Finding YAML files…', true);
    const abort = new AbortController();
    source.token.onCancellationRequested(() => abort.abort());

    try {
      const folders = (folderUris && folderUris.length > 0 ? [...folderUris] : this.settings.workspaceFolders.map((f) => uriOf(f))).filter((uri) => filePath(uri) !== undefined);
      const targets: { root: ScanRoot; files: string[] }[] = [];
      const walkErrors: { file: string; message: string }[] = [];
      for (const folderUri of folders) {
        const root = await this.makeRoot(filePath(folderUri) as string);
        const prefix = relativeTo(root.base, root.dir);
        const walked = await walk([root.dir], {
          exclude: (relative, isDirectory) => root.excluded(prefix ? `${prefix}/${relative}` : relative, isDirectory),
          signal: abort.signal,
        });
        walkErrors.push(...walked.errors.map((e) => ({ file: e.path, message: e.message })));
        targets.push({ root, files: [...walked.files] });
        if (abort.signal.aborted) break;
      }

      // Config files are reported as config, not analysed as manifests.
      const manifests: { file: string; root: ScanRoot; settings: DocumentSettings }[] = [];
      const excluded: string[] = [];
      const configFiles: string[] = [];
      for (const { root, files } of targets) {
        for (const file of files) {
          if (isConfigFile(file)) {
            configFiles.push(file);
            continue;
          }
          const settings = root.settingsFor(file);
          if (settings.excluded || !settings.settings.enable) excluded.push(file);
          else manifests.push({ file, root, settings });
        }
      }
      for (const file of configFiles) this.publishConfigFromDisk(file);

      let lastPercent = -1;
      const settingsByFile = new Map(manifests.map((m) => [m.file, m.settings.settings]));
      // CRDs already known (open documents, earlier scans) count from the first pass.
      const crdsBefore = crdRegistry.version;
      const outcome = await this.pool.scan(
        manifests.map((m) => m.file),
        (file) => settingsByFile.get(file) as DocumentSettings['settings'],
        {
          signal: abort.signal,
          limitHint: 'setting kubeward.maxFileSize',
          // Always a context, even an empty one: a worker keeps the CRDs of the last context it was given.
          context: { facts: [], crdSources: this.crdSources?.() ?? [] },
          onProgress: (done, total) => {
            const percent = Math.floor((done / total) * 100);
            if (percent === lastPercent) return;
            lastPercent = percent;
            progress?.report(percent, `${done} of ${total} files`);
          },
        },
      );

      // Cross-object findings need every file's facts, known only now: the files whose workloads
      // share a namespace with another file's Namespace, NetworkPolicy or ServiceAccount are
      // analysed again with those facts (usually few). So are custom resources whose CRD this
      // scan found: the first pass did not know their schema.
      await this.readFacts(outcome.results);
      let results = outcome.results;
      const newCrds = crdRegistry.version !== crdsBefore;
      const again = results
        .filter((r) => r.status === 'ok' && (this.needsContext(r.path) || (newCrds && r.objects.some((o) => crdRegistry.lookup(o.id.apiVersion, o.id.kind)))))
        .map((r) => r.path);
      if (again.length > 0 && !abort.signal.aborted) {
        const second = await this.pool.scan(again, (file) => settingsByFile.get(file) as DocumentSettings['settings'], {
          signal: abort.signal,
          limitHint: 'setting kubeward.maxFileSize',
          context: this.context(),
        });
        const redone = new Map(second.results.map((r) => [r.path, r]));
        results = results.map((r) => redone.get(r.path) ?? r);
      }

      const scannedRoots = targets.map((t) => t.root);
      for (const root of scannedRoots) this.roots.set(root.dir, root);
      this.publishResults(results, scannedRoots, outcome.cancelled);

      const summary = this.summarize(results, excluded.length, walkErrors.length, Date.now() - started, outcome.cancelled || source.token.isCancellationRequested, folders);
      const cwd = targets[0]?.root.base ?? this.settings.workspaceFolders[0] ?? process.cwd();
      this.last = { cwd, results, excluded, walkErrors, summary };
      return summary;
    } finally {
      progress?.done();
      if (this.running === source) this.running = undefined;
      source.dispose();
    }
  }

  /** Handles file events for YAML files (config files are the server's other path). */
  filesChanged(changes: readonly FileEvent[]): void {
    if (this.roots.size === 0) return;
    for (const change of changes) {
      const file = filePath(change.uri);
      if (!file) continue;
      const root = this.rootOf(file);
      if (!root) continue;
      if (change.type === FileChangeType.Deleted) {
        this.forget(change.uri);
        continue;
      }
      this.queueRefresh(file);
    }
  }

  /**
   * A document was closed: publish what the scan knows at once (no flicker), then re-read the
   * file, since it may have been saved with other content while open. False when the scan does
   * not cover the file and the caller should clear its diagnostics.
   */
  documentClosed(uri: string): boolean {
    const file = filePath(uri);
    if (!file || !this.rootOf(file)) return false;
    const entry = this.entries.get(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: entry?.diagnostics ?? [] });
    if (isConfigFile(file)) this.publishConfigFromDisk(file);
    else this.queueRefresh(file);
    return true;
  }

  /** A config file changed on disk (or was first read): show its own problems when it is not open. */
  configFileChanged(file: string, deleted: boolean): void {
    if (deleted) this.forget(uriOf(file));
    else this.publishConfigFromDisk(file);
  }

  configFileEvent(change: FileEvent): void {
    const file = filePath(change.uri);
    if (file) this.configFileChanged(file, change.type === FileChangeType.Deleted);
  }

  dispose(): void {
    this.running?.cancel();
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
  }

  /** Re-analyses the closed scanned files with custom resources of these kinds (`resourceKey`), whose CRD changed. */
  crdsChanged(keys: ReadonlySet<string>): void {
    for (const [uri, entry] of this.entries) {
      const result = entry.result;
      if (result?.status !== 'ok' || !result.objects.some((o) => keys.has(resourceKey(o.id)))) continue;
      this.refreshAffected(uri);
    }
  }

  /** Re-analyses a closed file whose cross-object findings another file's change may have changed. */
  refreshAffected(uri: string): void {
    const file = filePath(uri);
    if (file && !this.documents.get(uri) && this.entries.has(uri) && this.rootOf(file)) this.queueRefresh(file);
  }

  /** Reads what each analysed file shares (its text is read again; only documents naming a shared kind are parsed). */
  private async readFacts(results: readonly ScanFileResult[]): Promise<void> {
    for (const result of results) {
      if (result.status !== 'ok' || !result.isKubernetes) {
        this.setFacts(result.path, undefined);
        this.onCrdText?.(uriOf(result.path), undefined);
        continue;
      }
      let text: string;
      try {
        text = await readFile(result.path, 'utf8');
      } catch {
        this.setFacts(result.path, undefined);
        this.onCrdText?.(uriOf(result.path), undefined);
        continue;
      }
      this.onCrdText?.(uriOf(result.path), text.includes('CustomResourceDefinition') ? text : undefined);
      const shared = mergeFacts(splitDocuments(text).map((chunk) => sharedFactsOfChunk(chunk.text)));
      // Which namespaces the file has objects in is all the index needs to tell what a change affects.
      const workloads = result.objects.map((o) => ({ namespace: o.id.namespace || DEFAULT_NAMESPACE, kind: o.id.kind, name: o.id.name ?? '', labels: {} }));
      this.setFacts(result.path, { ...shared, workloads });
    }
  }

  private setFacts(file: string, facts: FileFacts | undefined): void {
    if (facts) this.diskFacts.set(file, facts);
    else if (!this.diskFacts.delete(file)) return;
    this.onFacts?.(uriOf(file), facts);
  }

  /** Whether another scanned file shares facts about a namespace this file has objects in. */
  private needsContext(file: string): boolean {
    const own = this.diskFacts.get(file);
    if (!own || own.workloads.length === 0) return false;
    const namespaces = new Set(own.workloads.map((w) => w.namespace));
    for (const [other, facts] of this.diskFacts) {
      if (other === file) continue;
      if (facts.namespaces.some((n) => namespaces.has(n.name)) || facts.policies.some((p) => namespaces.has(p.namespace)) || facts.serviceAccounts.some((a) => namespaces.has(a.namespace))) return true;
    }
    return false;
  }

  /** Every scanned file's shared facts, for the pool's workers. */
  private context(): ScanContext {
    const facts: [string, FileFacts][] = [];
    for (const [file, f] of this.diskFacts) {
      if (f.namespaces.length > 0 || f.policies.length > 0 || f.serviceAccounts.length > 0) facts.push([file, { ...f, workloads: [] }]);
    }
    return { facts, crdSources: this.crdSources?.() ?? [] };
  }

  private forget(uri: string): void {
    const file = filePath(uri);
    if (file && !isConfigFile(file)) {
      this.setFacts(file, undefined);
      this.onCrdText?.(uri, undefined);
    }
    const had = this.entries.delete(uri);
    if (had && !this.documents.get(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private rootOf(file: string): ScanRoot | undefined {
    for (const root of this.roots.values()) {
      const relative = relativeTo(root.dir, file);
      if (relative === undefined) continue;
      const fromBase = relativeTo(root.base, file) ?? relative;
      const parts = fromBase.split('/');
      // The same rules as the walk: skipped folder names, and any ignored folder above the file.
      if (parts.slice(0, -1).some((part) => DEFAULT_SKIP_DIRS.has(part))) continue;
      let ignored = false;
      for (let i = 1; i <= parts.length && !ignored; i++) ignored = root.excluded(parts.slice(0, i).join('/'), i < parts.length);
      if (!ignored) return root;
    }
    return undefined;
  }

  /** Batches file events (a branch switch changes hundreds at once) into one pool run. */
  private queueRefresh(file: string): void {
    this.refreshQueue.add(file);
    if (this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      const files = [...this.refreshQueue];
      this.refreshQueue.clear();
      this.refresh(files).catch((error: unknown) => this.connection.console.error(`Updating scan results failed: ${String(error)}`));
    }, 50);
  }

  private async refresh(files: readonly string[]): Promise<void> {
    const wanted: { file: string; settings: DocumentSettings }[] = [];
    for (const file of files) {
      const root = this.rootOf(file);
      if (!root) continue;
      const settings = root.settingsFor(file);
      if (settings.excluded || !settings.settings.enable) {
        this.forget(uriOf(file));
        continue;
      }
      wanted.push({ file, settings });
    }
    if (wanted.length === 0) return;
    const byFile = new Map(wanted.map((w) => [w.file, w.settings.settings]));
    // Always a context, even an empty one: a worker keeps the CRDs of the last context it was given.
    const outcome = await this.pool.scan(wanted.map((w) => w.file), (file) => byFile.get(file) as DocumentSettings['settings'], {
      limitHint: 'setting kubeward.maxFileSize',
      context: this.context(),
    });
    await this.readFacts(outcome.results);
    for (const result of outcome.results) {
      const uri = uriOf(result.path);
      // A file deleted after the event reads as an error; that is the deletion's business.
      if (result.status === 'error' && /No such file/.test(result.message)) {
        this.forget(uri);
        continue;
      }
      this.store(uri, result);
    }
    if (this.last) {
      const changed = new Map(outcome.results.map((r) => [r.path, r]));
      const kept = this.last.results.filter((r) => !changed.has(r.path));
      this.last = { ...this.last, results: [...kept, ...changed.values()] };
    }
  }

  private store(uri: string, result: ScanFileResult): void {
    const diagnostics = scanDiagnostics(result);
    const previous = this.entries.get(uri);
    this.entries.set(uri, { diagnostics, result });
    // An open document's diagnostics belong to the open-document path.
    if (this.documents.get(uri)) return;
    if (diagnostics.length > 0 || (previous && previous.diagnostics.length > 0)) void this.connection.sendDiagnostics({ uri, diagnostics });
  }

  private publishResults(results: readonly ScanFileResult[], roots: readonly ScanRoot[], cancelled: boolean): void {
    const seen = new Set<string>();
    for (const result of results) {
      const uri = uriOf(result.path);
      seen.add(uri);
      this.store(uri, result);
    }
    // Files that are gone (or newly excluded) since the last scan of these folders. A cancelled
    // scan did not see everything, so it clears nothing.
    if (cancelled) return;
    for (const uri of [...this.entries.keys()]) {
      if (seen.has(uri)) continue;
      const file = filePath(uri);
      if (!file || isConfigFile(file)) continue;
      if (roots.some((root) => relativeTo(root.dir, file) !== undefined)) this.forget(uri);
    }
  }

  private publishConfigFromDisk(file: string): void {
    const uri = uriOf(file);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      this.forget(uri);
      return;
    }
    const config = loadConfigFile(file);
    const diagnostics = configProblemDiagnostics(text, config.problems);
    const previous = this.entries.get(uri);
    this.entries.set(uri, { diagnostics });
    if (this.documents.get(uri)) return;
    if (diagnostics.length > 0 || (previous && previous.diagnostics.length > 0)) void this.connection.sendDiagnostics({ uri, diagnostics });
  }

  private async makeRoot(dir: string): Promise<ScanRoot> {
    const base = folderOf(this.settings.workspaceFolders, dir) ?? dir;
    const baseUri = uriOf(base);
    const files = await this.settings.section('files', baseUri);
    const own = await this.settings.section(SETTINGS_SECTION, uriOf(dir));
    const filesExcluded = filesExcludeMatcher(files['exclude']);
    const gitignore = new GitignoreMatcher(base);
    return {
      dir,
      base,
      excluded: (relative, isDirectory) => filesExcluded(relative) || gitignore.ignores(relative, isDirectory),
      settingsFor: this.settings.forScan(uriOf(dir), own),
    };
  }

  private summarize(results: readonly ScanFileResult[], excluded: number, walkErrors: number, durationMs: number, cancelled: boolean, folders: readonly string[]): ScanSummary {
    const findings = { error: 0, warning: 0, info: 0, hint: 0 };
    let filesScanned = 0;
    let filesSkipped = excluded;
    let filesWithErrors = walkErrors;
    let suppressed = 0;
    let filesWithFindings = 0;
    for (const result of results) {
      if (result.status !== 'ok') {
        if (result.status === 'skipped') filesSkipped++;
        else filesWithErrors++;
      } else {
        filesScanned++;
        const shown = scanDiagnostics(result).length;
        if (shown > 0) filesWithFindings++;
        for (const finding of result.findings) if (result.looksLikeKubernetes || finding.ruleId !== 'yaml-syntax') findings[finding.severity]++;
        suppressed += result.suppressed.length;
      }
    }
    return { filesScanned, filesSkipped, filesWithErrors, findings, suppressed, filesWithFindings, durationMs, cancelled, folders };
  }
}
