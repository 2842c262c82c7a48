/**
 * The analysis thread of the scan pool (dist/scan-worker.js, or out/… under tests). It reads each
 * file itself, so file contents never cross the thread boundary.
 */
import { parentPort } from 'node:worker_threads';
import type { Settings } from './config';
import { analyzeFile } from './files';
import { summarizeAnalysis, type FromWorker, type ToWorker } from './scan-pool';

const port = parentPort;
if (!port) throw new Error('scan-worker.js runs only as a worker thread.');

const settingsById = new Map<number, Settings>();

port.on('message', (message: ToWorker) => {
  if (message.type === 'settings') {
    settingsById.set(message.id, message.settings);
    return;
  }
  const settings = settingsById.get(message.settings);
  const reply = (result: FromWorker['result']) => port.postMessage({ task: message.task, result } satisfies FromWorker);
  if (!settings) {
    reply({ status: 'error', path: message.path, message: 'Internal error: the scan sent no settings for this file.' });
    return;
  }
  analyzeFile(message.path, { settings, ...(message.limitHint !== undefined ? { limitHint: message.limitHint } : {}) })
    .then((analysis) => reply(summarizeAnalysis(analysis)))
    .catch((error: unknown) => reply({ status: 'error', path: message.path, message: `Analysis failed: ${error instanceof Error ? error.message : String(error)}` }));
});
