/**
 * The analysis thread of the scan pool (dist/scan-worker.js, or out/… under tests). It reads each
 * file itself, so file contents never cross the thread boundary.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeText } from './analyze';
import type { Settings } from './config';
import { analyzeFileSync, classifyAnalysis } from './files';
import { summarizeAnalysis, type BatchFile, type FromWorker, type ScanContext, type ScanFileResult, type ToWorker, type WorkerData } from './scan-pool';
import { crdRegistry } from './schema/crd';
import { WorkspaceIndex } from './workspace';

const port = parentPort;
if (!port) throw new Error('scan-worker.js runs only as a worker thread.');
const { running } = workerData as WorkerData;

const settingsById = new Map<number, Settings>();

interface LoadedContext {
  readonly index: WorkspaceIndex;
  readonly crdSources: ScanContext['crdSources'];
}
const contexts = new Map<number, LoadedContext>();
/** Which context's CRDs the registry holds now: the registry is global to this thread. */
let registeredContext: number | undefined;

function useContext(id: number): LoadedContext | undefined {
  const context = contexts.get(id);
  if (!context || registeredContext === id) return context;
  crdRegistry.clear();
  for (const [origin, text] of context.crdSources) crdRegistry.setFromText(origin, text);
  registeredContext = id;
  return context;
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'settings') {
    settingsById.set(message.id, message.settings);
    return;
  }
  if (message.type === 'context') {
    const index = new WorkspaceIndex();
    for (const [file, facts] of message.context.facts) index.set(file, facts);
    contexts.set(message.id, { index, crdSources: message.context.crdSources });
    // A long-lived pool (the language server) must not collect every scan's context.
    while (contexts.size > 4) contexts.delete(contexts.keys().next().value as number);
    return;
  }
  // null: the job has a context this thread was not sent.
  const context = message.context === undefined ? undefined : (useContext(message.context) ?? null);
  if (message.context === undefined && registeredContext !== undefined) {
    // A job without a context knows no workspace CRDs; an earlier scan's must not validate it.
    crdRegistry.clear();
    registeredContext = undefined;
  }
  const results = message.files.map((file) => {
    Atomics.store(running, 0, file.task);
    return analyze(file, context, message.limitHint);
  });
  port.postMessage({ json: JSON.stringify(results) } satisfies FromWorker);
});

function analyze(file: BatchFile, context: LoadedContext | undefined | null, limitHint: string | undefined): ScanFileResult {
  const settings = settingsById.get(file.settings);
  if (!settings) return { status: 'error', path: file.path, message: 'Internal error: the scan sent no settings for this file.' };
  if (context === null) return { status: 'error', path: file.path, message: 'Internal error: the scan sent no workspace context for this file.' };
  try {
    const options = {
      settings,
      ...(context ? { workspace: context.index.viewFor(file.path) } : {}),
      ...(limitHint !== undefined ? { limitHint } : {}),
    };
    // Blocking reads: this thread has nothing else to do, and each promise hop costs more than the read.
    return summarizeAnalysis(file.file ? classifyAnalysis(file.file, analyzeText(file.file.text, options)) : analyzeFileSync(file.path, options));
  } catch (error) {
    return { status: 'error', path: file.path, message: `Analysis failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}
