import { parseAllDocuments, parseDocument } from 'yaml';
import { analyzeText, type Finding } from '../../server/src/engine/analyze';
import type { Settings } from '../../server/src/engine/config';
import { fixAll } from '../../server/src/engine/fix-all';

/** A field path as a list of keys and indexes. */
export type Path = readonly (string | number)[];

/** Parses `spec.containers[0]["a.b"].x` back into its parts. */
export function parsePath(text: string): Path {
  const parts: (string | number)[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[1] !== undefined) parts.push(m[1]);
    else if (m[2] !== undefined) parts.push(Number(m[2]));
    else parts.push(JSON.parse(m[3] as string) as string);
  }
  return parts;
}

export function formatParts(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

const GROUPS = new Set(['containers', 'initContainers', 'ephemeralContainers']);

/**
 * The subtrees a fix for `finding` may change. A security-context setting may be written at the
 * container or, when the pod-wide default is the fix (seccomp for every container), at the pod;
 * companions (an emptyDir for /tmp, a Secret volume) add volumes and mounts; a rename touches
 * the old key and the new one named by the edit.
 */
export function allowedPaths(finding: Finding): Path[] {
  const path = parsePath(finding.path);
  const allowed: Path[] = [];
  const sc = path.indexOf('securityContext');
  const group = path.findIndex((p, i) => typeof p === 'string' && GROUPS.has(p) && typeof path[i + 1] === 'number');
  const container = group >= 0 ? path.slice(0, group + 2) : undefined;
  const pod = group >= 0 ? path.slice(0, group) : undefined;
  if (sc >= 0) {
    const setting = path.slice(0, Math.min(path.length, sc + 2));
    allowed.push(setting);
    if (pod && sc === group + 2) allowed.push([...pod, ...setting.slice(sc)]);
  } else if (typeof path[path.length - 1] === 'number') {
    // A finding on one list item (a command-line flag) is fixed by editing or extending the list.
    allowed.push(path.slice(0, -1));
  } else {
    allowed.push(path);
  }
  // A fix may create the field next to where the finding points (a missing `args:` reported on the
  // container's name): the first key an inserted block writes counts, within the same container.
  for (const edit of finding.fix?.edits ?? []) {
    const key = /^(?:\r?\n)*[ \t]*([A-Za-z][\w-]*):/.exec(edit.newText)?.[1];
    if (key && edit.start === edit.end) allowed.push([...(container ?? path.slice(0, -1)), key]);
  }
  if (finding.ruleId === 'unknown-field') {
    for (const edit of finding.fix?.edits ?? []) {
      if (/^[A-Za-z][\w.-]*$/.test(edit.newText)) allowed.push([...path.slice(0, -1), edit.newText]);
    }
  }
  if (finding.ruleId === 'read-only-root-filesystem' || finding.ruleId === 'secret-env-var') {
    if (container) allowed.push([...container, 'volumeMounts'], [...container, 'securityContext']);
    if (pod) allowed.push([...pod, 'volumes']);
    if (container && finding.ruleId === 'secret-env-var') allowed.push([...container, 'env'], [...container, 'envFrom']);
  }
  if (finding.ruleId === 'run-as-non-root' && container && pod) {
    allowed.push([...container, 'securityContext'], [...pod, 'securityContext']);
  }
  return allowed;
}

export interface Difference {
  readonly path: Path;
  readonly before: unknown;
  readonly after: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const absent = (v: unknown) => v === undefined || v === null;

/** Leaf-most paths where two plain JS values differ. */
export function deepDiff(before: unknown, after: unknown, path: Path = [], out: Difference[] = []): Difference[] {
  if (Object.is(before, after)) return out;
  if (isObject(before) && isObject(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) deepDiff(before[key], after[key], [...path, key], out);
  } else if (Array.isArray(before) && Array.isArray(after)) {
    for (let i = 0; i < Math.max(before.length, after.length); i++) deepDiff(before[i], after[i], [...path, i], out);
  } else if (JSON.stringify(before) !== JSON.stringify(after)) {
    out.push({ path, before, after });
  }
  return out;
}

const startsWith = (path: Path, prefix: Path) => prefix.length <= path.length && prefix.every((p, i) => path[i] === p);

/** A difference is intended when it lies in an allowed subtree, or creates a missing parent of one. */
export function intended(difference: Difference, allowed: readonly Path[]): boolean {
  return allowed.some((a) => startsWith(difference.path, a) || (absent(difference.before) && startsWith(a, difference.path)));
}

/** Comments as the rule tester collects them. */
export function comments(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => /(?:^|\s)(#.*)$/.exec(line)?.[1]?.trim())
    .filter((c): c is string => c !== undefined);
}

/** The file split at `---` lines, each piece with its offset. */
export function splitDocs(text: string): { start: number; text: string }[] {
  const pieces: { start: number; text: string }[] = [];
  const re = /^---(?=[ \t\r\n]|$)/gm;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index === 0) continue;
    pieces.push({ start, text: text.slice(start, m.index) });
    start = m.index;
  }
  pieces.push({ start, text: text.slice(start) });
  return pieces;
}

export function syntaxErrors(text: string): number {
  return parseAllDocuments(text, { version: '1.1' }).reduce((sum, doc) => sum + doc.errors.length, 0);
}

function toJS(text: string): unknown {
  try {
    const doc = parseDocument(text, { version: '1.1', uniqueKeys: false });
    return doc.errors.length > 0 ? { unparsable: text } : doc.toJS({ maxAliasCount: 1000 });
  } catch {
    return { unparsable: text };
  }
}

export interface FileCheck {
  readonly fixes: number;
  readonly changed: boolean;
  readonly violations: string[];
}

/**
 * Applies every safe fix and checks the result: it parses (no new errors), keeps every comment,
 * leaves documents without a fixable finding byte-identical, and changes only intended fields.
 */
export function checkSafeFixes(text: string, settings: Settings): FileCheck {
  const violations: string[] = [];
  const { text: out, fixed } = fixAll(text, { settings });
  if (out === text) return { fixes: fixed, changed: false, violations };
  const before = syntaxErrors(text);
  const after = syntaxErrors(out);
  if (after > before) violations.push(`parse errors ${before} -> ${after}`);
  const kept = new Set(comments(out));
  for (const c of comments(text)) if (!kept.has(c)) violations.push(`comment lost: ${c}`);

  // Fixes rarely create new findings, so the first analysis names every intended field. A finding
  // with no fix of its own can still be resolved by one (a container whose securityContext is an
  // alias is fixed through the anchor), so findings that disappear count as intended too.
  const all = analyzeText(text, { settings }).findings;
  const remaining = new Set(analyzeText(out, { settings }).findings.map((f) => `${f.ruleId} ${f.path}`));
  const firstPass = all.filter((f) => f.fix?.safety === 'safe' || !remaining.has(`${f.ruleId} ${f.path}`));

  const docsIn = splitDocs(text);
  const docsOut = splitDocs(out);
  if (docsIn.length !== docsOut.length) {
    violations.push(`document count ${docsIn.length} -> ${docsOut.length}`);
    return { fixes: fixed, changed: true, violations };
  }
  docsIn.forEach((doc, i) => {
    const fixedDoc = docsOut[i]?.text as string;
    if (fixedDoc === doc.text) return;
    const end = doc.start + doc.text.length;
    const own = firstPass.filter((f) => f.span.start >= doc.start && f.span.start < end);
    if (own.length === 0) {
      violations.push(`document ${i + 1} changed without a fixable finding in it`);
      return;
    }
    const allowed = own.flatMap(allowedPaths);
    for (const d of deepDiff(toJS(doc.text), toJS(fixedDoc))) {
      if (!intended(d, allowed)) violations.push(`document ${i + 1}: unintended change at ${formatParts(d.path)}: ${JSON.stringify(d.before)} -> ${JSON.stringify(d.after)}`);
    }
  });
  return { fixes: fixed, changed: true, violations };
}

/** Drops what the API server reads as unset: nulls, and maps or lists left empty. */
export function pruneUnset(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pruneUnset);
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const pruned = pruneUnset(child);
    if (pruned === null || pruned === undefined) continue;
    if ((isObject(pruned) && Object.keys(pruned).length === 0) || (Array.isArray(pruned) && pruned.length === 0)) continue;
    out[key] = pruned;
  }
  return out;
}

const POD_SPEC_PATHS: Record<string, readonly string[]> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/** The pod spec of a workload as plain JS. */
export function podSpecOf(object: unknown): Record<string, unknown> | undefined {
  if (!isObject(object)) return undefined;
  let at: unknown = object;
  for (const key of POD_SPEC_PATHS[String(object['kind'])] ?? ['-']) at = isObject(at) ? at[key] : undefined;
  return isObject(at) ? at : undefined;
}

export function containersOf(pod: Record<string, unknown> | undefined): Record<string, unknown>[] {
  if (!pod) return [];
  return ['initContainers', 'containers'].flatMap((group) => (Array.isArray(pod[group]) ? (pod[group] as unknown[]).filter(isObject) : []));
}
