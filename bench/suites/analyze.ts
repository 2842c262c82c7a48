import { parseAllDocuments } from 'yaml';
import { analyzeText, ChunkCache } from '../../server/src/engine/analyze';
import { DEFAULT_SETTINGS, type Settings } from '../../server/src/engine/config';
import { parseChunk, splitDocuments } from '../../server/src/engine/parse';
import { ratio, type Suite } from '../harness';
import { deployments, editReplicas } from '../workloads';

const COUNT = 2000;

// The generated file is a few MiB; the default limit must not turn the benchmark into a skip.
const SETTINGS: Settings = { ...DEFAULT_SETTINGS, maxFileSize: 256 * 1024 * 1024 };

let text = '';
let edited = '';
let inputFacts: Record<string, string | number> | undefined;
let sink = 0;

/** Keeps results alive so the optimiser cannot drop the work being timed. */
function consume(value: number): void {
  sink = (sink + value) | 0;
}

function prepare(): Record<string, string | number> {
  if (!inputFacts) {
    text = deployments(COUNT);
    edited = editReplicas(text, COUNT / 2);
    inputFacts = facts();
  }
  return inputFacts;
}

function facts(): Record<string, string | number> {
  const result = analyzeText(text, { settings: SETTINGS });
  if (result.notices.length > 0) throw new Error(`the benchmark input was not analysed: ${result.notices[0]?.message}`);
  // A rule that throws would make the analysis look cheaper than it is.
  if (result.failures.length > 0) throw new Error(`rule ${result.failures[0]?.ruleId} failed: ${result.failures[0]?.error}`);
  return {
    documents: COUNT,
    bytes: Buffer.byteLength(text),
    lines: text.split('\n').length,
    findings: result.findings.length,
    'fixable findings': result.findings.filter((f) => f.fix).length,
    profile: SETTINGS.profile,
  };
}

/** Whole-file analysis against the bare parse that any YAML tool pays. */
export const wholeFile: Suite = {
  id: 'whole-file',
  title: `Whole-file analysis of ${COUNT} Deployments`,
  description:
    'The bare `yaml` parse of the text (parseAllDocuments, YAML 1.1) against the engine\'s analyzeText on the ' +
    'same text with a fresh ChunkCache: parse, object model, every rule of the default profile, fixes built for ' +
    'each finding. The engine parses document by document, with a fast path for the common manifest subset that ' +
    'builds the same `yaml` nodes; its parse alone is the middle case.',
  setup: prepare,
  cases: [
    {
      name: 'yaml parseAllDocuments (1.1)',
      run: () => consume(parseAllDocuments(text, { version: '1.1' }).length),
    },
    {
      name: 'engine parse only (parseChunk per document)',
      run: () => {
        let count = 0;
        for (const chunk of splitDocuments(text)) count += parseChunk(chunk.text).length;
        consume(count);
      },
    },
    {
      name: 'analyzeText, cold cache',
      run: () => consume(analyzeText(text, { settings: SETTINGS, cache: new ChunkCache() }).findings.length),
    },
  ],
  derive: (medians, cpu) => [
    ...ratio('analyzeText / bare yaml parse', 'analyzeText, cold cache', 'yaml parseAllDocuments (1.1)', medians, cpu),
    ...ratio('analyzeText / engine parse only', 'analyzeText, cold cache', 'engine parse only (parseChunk per document)', medians, cpu),
  ],
};

/**
 * Re-analysis after typing: the cache holds the previous version, and only the edited document
 * differs. Each run alternates between the two versions, so every timed run is a one-line edit.
 */
const warm = new ChunkCache();
let flip = false;

export const oneLineEdit: Suite = {
  id: 'one-line-edit',
  title: 'Re-analysis after a one-line edit',
  description:
    `\`replicas: 1\` → \`4\` in document ${COUNT / 2 + 1} of ${COUNT}, analysed with the ChunkCache of the previous ` +
    'version (as the language server does on each change). The unchanged case re-analyses identical text, which ' +
    'is the fixed cost of splitting and looking up every document.',
  setup: () => {
    const result = prepare();
    analyzeText(text, { settings: SETTINGS, cache: warm });
    return result;
  },
  cases: [
    {
      name: 'analyzeText after one-line edit, warm cache',
      run: () => {
        flip = !flip;
        consume(analyzeText(flip ? edited : text, { settings: SETTINGS, cache: warm }).findings.length);
      },
    },
    {
      name: 'analyzeText, unchanged text, warm cache',
      // Re-analyses whichever version the cache holds, so nothing is re-parsed.
      run: () => consume(analyzeText(flip ? edited : text, { settings: SETTINGS, cache: warm }).findings.length),
    },
  ],
};

export function sinkValue(): number {
  return sink;
}
