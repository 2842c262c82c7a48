/**
 * Analyses many files in worker threads, so that a workspace scan never blocks the thread that
 * answers the editor (or, in the CLI, the one that prints progress). Pure Node, no vscode: the
 * language server and the CLI share it.
 *
 * Results carry ranges (line/character) instead of syntax trees: trees cannot cross a thread
 * boundary cheaply, and nothing after a scan needs them — reports, diagnostics and cross-object
 * work only need findings and object identities.
 */
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AnalysisResult, Notice } from './analyze';
import type { Settings } from './config';
import type { FileAnalysis, StoredFile } from './files';
import type { FileFacts } from './workspace';
import type { ResourceId } from './model/objects';
import type { FixSafety, Severity } from './rule';
import type { Suppression } from './suppress';
import { LineIndex, type Range } from './text';

/** A finding as a scan reports it: a range instead of offsets, and no fix edits. */
export interface ScanFinding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly range: Range;
  readonly path: string;
  readonly resource?: ResourceId;
  readonly container?: string;
  /** Whether a quick fix exists; its edits are computed when the file is opened. */
  readonly fixable?: FixSafety;
}

export interface ScanSuppressedFinding extends ScanFinding {
  readonly suppression: Suppression;
}

/** An object found in a file, for cross-object rules (which objects exist, and where). */
export interface ScanObject {
  readonly id: ResourceId;
  readonly range: Range;
}

export interface ScanNotice {
  readonly kind: Notice['kind'];
  readonly message: string;
  readonly range?: Range;
}

/** The outcome for one file; `path` is the absolute path that was asked for. */
export type ScanFileResult =
  | {
      readonly status: 'ok';
      readonly path: string;
      readonly findings: readonly ScanFinding[];
      readonly suppressed: readonly ScanSuppressedFinding[];
      readonly notices: readonly ScanNotice[];
      readonly objects: readonly ScanObject[];
      readonly failures: AnalysisResult['failures'];
      readonly isKubernetes: boolean;
      /** The text has Kubernetes-looking keys (`apiVersion:`/`kind:`) even if it did not parse. */
      readonly looksLikeKubernetes: boolean;
      /** Set when template documents in the file were not analysed; the rest was. */
      readonly partlySkipped?: string;
    }
  | { readonly status: 'skipped' | 'error'; readonly path: string; readonly message: string };

export interface ScanOptions {
  /** Called after each file with the number done so far and the total. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Stops the scan: no new file is started and the promise resolves at once. */
  readonly signal?: AbortSignal;
  /** How over-size files tell users to raise the limit (`--max-file-size`, or the setting). */
  readonly limitHint?: string;
  /**
   * What the files share (the CLI's pre-pass): each file is analysed with every other file's facts,
   * and with the CRDs of `crdSources` registered, as the single-threaded scan does.
   */
  readonly context?: ScanContext;
  /**
   * Hands over a file the caller has already read (the CLI's first pass), just before it is sent
   * to a worker, so that it is not read twice; undefined: the worker reads it.
   */
  readonly read?: (file: string) => StoredFile | undefined;
}

/** Cross-file knowledge a worker needs before analysing a job's files. Plain data, sent once per worker. */
export interface ScanContext {
  /** Shared facts by file (absolute path); a file is analysed with the facts of the others. */
  readonly facts: readonly (readonly [string, FileFacts])[];
  /** Texts of the files that declare CustomResourceDefinitions, by origin, registered in that order. */
  readonly crdSources: readonly (readonly [string, string])[];
}

export interface ScanOutcome {
  /** One entry per finished file, in the order the files were given. */
  readonly results: readonly ScanFileResult[];
  /** The signal fired before every file was done; `results` holds the finished ones. */
  readonly cancelled: boolean;
}

export interface ScanPoolOptions {
  /** Threads; defaults to min(2, available cores) — the editor's machines have 2. */
  readonly size?: number;
  /** The worker script; defaults to `scan-worker.js` next to this module (dist/ or out/). */
  readonly workerPath?: string;
  /** Idle workers exit after this long (default 30 s), so an idle server holds no threads. */
  readonly idleMs?: number;
}

/** Where a file's settings come from; `undefined` would mean "not ours" and is the caller's job to filter. */
export type SettingsFor = (file: string) => Settings | Promise<Settings>;

const KUBERNETES_KEYS = /^[ \t]*(?:-[ \t]+)?(?:apiVersion|kind)[ \t]*:/m;

/** Turns an analysis into what a scan returns. Runs in the worker; exported for tests. */
export function summarizeAnalysis(analysis: FileAnalysis): ScanFileResult {
  if (analysis.status !== 'ok') return analysis;
  const { result, file } = analysis;
  const lines = new LineIndex(file.text);
  const finding = (f: AnalysisResult['findings'][number]): ScanFinding => ({
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    range: lines.rangeOf(f.span),
    path: f.path,
    ...(f.resource ? { resource: f.resource } : {}),
    ...(f.container !== undefined ? { container: f.container } : {}),
    ...(f.fix ? { fixable: f.fix.safety } : {}),
  });
  return {
    status: 'ok',
    path: file.path,
    findings: result.findings.map(finding),
    suppressed: result.suppressed.map((f) => ({ ...finding(f), suppression: f.suppression })),
    notices: result.notices.map((n) => ({ kind: n.kind, message: n.message, ...(n.span ? { range: lines.rangeOf(n.span) } : {}) })),
    objects: result.resources.map(({ id, span }) => ({ id, range: lines.rangeOf(span) })),
    failures: result.failures,
    isKubernetes: result.isKubernetes,
    looksLikeKubernetes: result.isKubernetes || KUBERNETES_KEYS.test(file.text),
    ...(analysis.partlySkipped ? { partlySkipped: analysis.partlySkipped } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Messages between the pool and its workers.

/** One file of a batch: the task id, the id of its settings, and its contents when already read. */
export interface BatchFile {
  readonly task: number;
  readonly path: string;
  readonly settings: number;
  readonly file?: StoredFile;
}

/**
 * Pool → worker. Settings are sent once per worker and then referred to by id. Files go in
 * batches of one job: each message wakes the other thread, and on two cores a wake-up per file
 * cost the workers a tenth of their time (in postMessage, and idle waiting for the next file).
 */
export type ToWorker =
  | { readonly type: 'settings'; readonly id: number; readonly settings: Settings }
  | { readonly type: 'context'; readonly id: number; readonly context: ScanContext }
  | { readonly type: 'files'; readonly files: readonly BatchFile[]; readonly limitHint?: string; readonly context?: number };

/** Worker → pool: the results of one batch, in its order (batches are answered in the order sent). */
export interface FromWorker {
  /**
   * The results as one JSON array: copying one string between threads is much cheaper than the
   * structured clone of thousands of small objects, and results are plain data.
   */
  readonly json: string;
}

/**
 * What the pool gives a worker at start: the worker writes to `running[0]` the task it starts
 * before each file, so that a worker that dies mid-batch names its culprit without a message per file.
 */
export interface WorkerData {
  readonly running: Int32Array;
}

interface Task {
  readonly id: number;
  readonly path: string;
  readonly settings: Settings;
  readonly job: Job;
  readonly index: number;
}

interface Job {
  readonly results: (ScanFileResult | undefined)[];
  readonly pending: Task[];
  readonly limitHint: string | undefined;
  /** Tasks handed to workers so far. */
  sent: number;
  /** Id of the job's ScanContext, when it has one. */
  readonly context: number | undefined;
  readonly contextData: ScanContext | undefined;
  readonly read: ScanOptions['read'];
  readonly onProgress: ((done: number, total: number) => void) | undefined;
  done: number;
  finished: boolean;
  finish(cancelled: boolean): void;
}

interface Slot {
  worker: Worker;
  readonly sent: Set<number>;
  readonly sentContexts: Set<number>;
  /** Batches sent and not answered, oldest first; a worker answers them in that order. */
  readonly inFlight: (readonly Task[])[];
  readonly running: Int32Array;
}

/** Batches each worker holds at once: one running, one queued, so it never waits for the pool. */
const PER_WORKER = 2;

/**
 * The workers' young generation, smaller than V8's default: a worker's garbage is nearly all
 * per-file and short-lived, so more frequent scavenges cost no more in all, and the heap stays
 * small. On the bulk corpus it cut the CLI scan's peak RSS from ~310 to ~255 MB, with ~4% less CPU.
 */
const YOUNG_GENERATION_MB = 16;

/** The largest batch: beyond this, fewer messages no longer pay, and progress would come in lumps. */
const MAX_BATCH = 32;

/**
 * How many of a job's files go in its next batch: large while much remains, then smaller and
 * smaller, so that both workers run out of files at about the same time.
 */
function batchSize(job: Job, workers: number): number {
  const unsent = job.results.length - job.sent;
  return Math.max(1, Math.min(MAX_BATCH, job.pending.length, Math.floor(unsent / (workers * PER_WORKER * 2))));
}

export function defaultPoolSize(): number {
  return Math.max(1, Math.min(2, availableParallelism()));
}

/**
 * A pool of analysis threads. Several scans may share it; each gets its own results. Workers
 * start on first use and exit when idle.
 */
export class ScanPool {
  readonly size: number;
  private readonly workerPath: string;
  private readonly idleMs: number;
  private readonly slots: Slot[] = [];
  private readonly jobs: Job[] = [];
  private readonly settingsIds = new Map<string, number>();
  private readonly settingsByObject = new WeakMap<Settings, number>();
  private nextTask = 1;
  private nextContext = 1;
  private idleTimer: NodeJS.Timeout | undefined;
  private disposed = false;

  constructor(options: ScanPoolOptions = {}) {
    this.size = Math.max(1, options.size ?? defaultPoolSize());
    this.workerPath = options.workerPath ?? path.join(__dirname, 'scan-worker.js');
    this.idleMs = options.idleMs ?? 30_000;
  }

  /** Analyses `files` (absolute paths). Never rejects for a bad file: it becomes an `error` result. */
  async scan(files: readonly string[], settingsFor: SettingsFor, options: ScanOptions = {}): Promise<ScanOutcome> {
    if (this.disposed) throw new Error('The scan pool was disposed.');
    const { signal } = options;
    const results: (ScanFileResult | undefined)[] = new Array(files.length);
    if (files.length === 0 || signal?.aborted) return { results: [], cancelled: signal?.aborted === true };
    return new Promise<ScanOutcome>((resolve, reject) => {
      const onAbort = () => job.finish(true);
      const job: Job = {
        results,
        pending: [],
        sent: 0,
        limitHint: options.limitHint,
        context: options.context ? this.nextContext++ : undefined,
        contextData: options.context,
        read: options.read,
        onProgress: options.onProgress,
        done: 0,
        finished: false,
        finish: (cancelled) => {
          if (job.finished) return;
          job.finished = true;
          signal?.removeEventListener('abort', onAbort);
          const index = this.jobs.indexOf(job);
          if (index !== -1) this.jobs.splice(index, 1);
          job.pending.length = 0;
          this.armIdle();
          resolve({ results: results.filter((r): r is ScanFileResult => r !== undefined), cancelled });
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.jobs.push(job);
      // Settings may need the file system (nearest .kubeward.yaml), so resolve them up front but
      // feed workers as soon as the first ones are known.
      void (async () => {
        for (let index = 0; index < files.length; index++) {
          if (job.finished) return;
          const file = files[index] as string;
          const settings = await settingsFor(file);
          job.pending.push({ id: this.nextTask++, path: file, settings, job, index });
          if (job.pending.length === 1 || index % 64 === 0) this.pump();
        }
        this.pump();
      })().catch((error: unknown) => {
        if (job.finished) return;
        job.finished = true;
        reject(error instanceof Error ? error : new Error(String(error)));
      });
    });
  }

  /**
   * Starts every worker now rather than on first use, so that their start-up (each loads the
   * engine) overlaps whatever the caller does before its scan. Idle workers still exit as usual.
   */
  start(): void {
    if (this.disposed) return;
    while (this.slots.length < this.size) this.spawn();
    this.armIdle();
  }

  /** Stops every worker; running scans resolve as cancelled. */
  async dispose(): Promise<void> {
    this.disposed = true;
    for (const job of [...this.jobs]) job.finish(true);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    await Promise.all(this.slots.splice(0).map((slot) => slot.worker.terminate()));
  }

  private pump(): void {
    if (this.idleTimer) {
      clearTimeout(this.idleTimer);
      this.idleTimer = undefined;
    }
    for (;;) {
      const job = this.jobs.find((j) => j.pending.length > 0);
      if (!job) return;
      const slot = this.freeSlot();
      if (!slot) return;
      const tasks = job.pending.splice(0, batchSize(job, this.size));
      job.sent += tasks.length;
      this.send(slot, job, tasks);
    }
  }

  private freeSlot(): Slot | undefined {
    let best: Slot | undefined;
    for (const slot of this.slots) if (slot.inFlight.length < PER_WORKER && (!best || slot.inFlight.length < best.inFlight.length)) best = slot;
    if (best && best.inFlight.length === 0) return best;
    if (this.slots.length < this.size) return this.spawn();
    return best;
  }

  private settingsId(settings: Settings): number {
    let id = this.settingsByObject.get(settings);
    if (id !== undefined) return id;
    // Callers often build an equal settings object per file; send each distinct one once.
    const key = JSON.stringify(settings);
    id = this.settingsIds.get(key);
    if (id === undefined) {
      id = this.settingsIds.size + 1;
      this.settingsIds.set(key, id);
    }
    this.settingsByObject.set(settings, id);
    return id;
  }

  private send(slot: Slot, job: Job, tasks: readonly Task[]): void {
    const files: BatchFile[] = [];
    for (const task of tasks) {
      const settings = this.settingsId(task.settings);
      if (!slot.sent.has(settings)) {
        slot.worker.postMessage({ type: 'settings', id: settings, settings: task.settings } satisfies ToWorker);
        slot.sent.add(settings);
      }
      const file = job.read?.(task.path);
      files.push({ task: task.id, path: task.path, settings, ...(file ? { file } : {}) });
    }
    const { context, contextData } = job;
    if (context !== undefined && contextData && !slot.sentContexts.has(context)) {
      slot.worker.postMessage({ type: 'context', id: context, context: contextData } satisfies ToWorker);
      slot.sentContexts.add(context);
    }
    slot.inFlight.push(tasks);
    slot.worker.ref();
    slot.worker.postMessage({
      type: 'files',
      files,
      ...(job.limitHint !== undefined ? { limitHint: job.limitHint } : {}),
      ...(context !== undefined ? { context } : {}),
    } satisfies ToWorker);
  }

  private spawn(): Slot {
    const running = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
    const worker = new Worker(this.workerPath, { workerData: { running } satisfies WorkerData, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
    // A worker must never keep a finished CLI run (or a shut-down server) alive, so it holds the
    // process only while it has files; a running scan must, even when no other handle is left
    // (after a worker died, its replacement was all that was left and the process exited mid-scan).
    worker.unref();
    const slot: Slot = { worker, sent: new Set(), sentContexts: new Set(), inFlight: [], running };
    worker.on('message', (message: FromWorker) => {
      const batch = slot.inFlight.shift();
      if (!batch) return;
      if (slot.inFlight.length === 0) worker.unref();
      const results = JSON.parse(message.json) as ScanFileResult[];
      batch.forEach((task, i) => this.complete(task, results[i] as ScanFileResult));
      this.pump();
      this.armIdle();
    });
    const fail = (reason: string) => {
      const index = this.slots.indexOf(slot);
      if (index !== -1) this.slots.splice(index, 1);
      // The file that crashed a worker is reported; the others it held (done or not: their
      // results died with it) go to a fresh worker.
      const tasks = slot.inFlight.flat();
      slot.inFlight.length = 0;
      const runningTask = Atomics.load(slot.running, 0);
      const culprit = tasks.find((task) => task.id === runningTask) ?? tasks[0];
      if (culprit) this.complete(culprit, { status: 'error', path: culprit.path, message: `The analysis thread failed on this file: ${reason}` });
      for (const task of tasks.reverse()) {
        if (task === culprit || task.job.finished) continue;
        task.job.pending.unshift(task);
        task.job.sent--;
      }
      if (!this.disposed) this.pump();
    };
    worker.on('error', (error) => fail(error instanceof Error ? error.message : String(error)));
    worker.on('exit', (code) => {
      if (slot.inFlight.length > 0) fail(`it exited with code ${code}`);
      const index = this.slots.indexOf(slot);
      if (index !== -1) this.slots.splice(index, 1);
    });
    this.slots.push(slot);
    return slot;
  }

  private complete(task: Task, result: ScanFileResult): void {
    const { job } = task;
    if (job.finished) return;
    job.results[task.index] = result;
    job.done++;
    job.onProgress?.(job.done, job.results.length);
    if (job.done === job.results.length) job.finish(false);
  }

  private armIdle(): void {
    if (this.idleTimer || this.disposed) return;
    if (this.jobs.length > 0 || this.slots.some((slot) => slot.inFlight.length > 0)) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      if (this.jobs.length > 0) return;
      for (const slot of this.slots.splice(0)) void slot.worker.terminate();
    }, this.idleMs);
    this.idleTimer.unref();
  }
}

/** One-shot convenience: a pool for one scan, stopped afterwards. */
export async function scanFiles(files: readonly string[], settingsFor: SettingsFor, options: ScanOptions & ScanPoolOptions = {}): Promise<ScanOutcome> {
  const pool = new ScanPool(options);
  try {
    return await pool.scan(files, settingsFor, options);
  } finally {
    await pool.dispose();
  }
}
