/**
 * The parse floor for bulk scans, run as its own process so it pays what the CLI pays (Node start,
 * module load, walking the folder, reading every file): `node out/bench/parse-floor.js <dir>`.
 * It parses with the options the engine uses (server/src/engine/parse.ts), on one thread, and
 * prints `{ files, documents, errors, parseMs }` as JSON.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseAllDocuments } from 'yaml';

function walk(dir: string, out: string[]): string[] {
  // Sorted so both processes meet the files in the same order.
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (/\.ya?ml$/.test(entry.name)) out.push(full);
  }
  return out;
}

function main(): void {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: parse-floor <dir>');
  const start = performance.now();
  let documents = 0;
  let errors = 0;
  const files = walk(dir, []);
  for (const file of files) {
    const docs = parseAllDocuments(readFileSync(file, 'utf8'), { version: '1.1', merge: true, prettyErrors: false, strict: false });
    for (const doc of Array.isArray(docs) ? docs : [docs]) {
      documents++;
      errors += doc.errors.length;
    }
  }
  process.stdout.write(`${JSON.stringify({ files: files.length, documents, errors, parseMs: performance.now() - start })}\n`);
}

main();
