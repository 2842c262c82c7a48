import { profileIncludes, type Settings } from './config';
import { Fixer } from './fixer';
import { checkText, type SkipReason } from './input';
import { formatPath, Source, type Span } from './model/located';
import { objectsOf, type K8sObject, type ResourceId } from './model/objects';
import { readPodSpec } from './model/pod-spec';
import { looksLikeTemplate, objectsOfChunk, parseChunk, splitDocuments, type Chunk } from './parse';
import type { CheckContext, Fix, Rule, RuleFinding, RuleSettings, Severity, TextEdit } from './rule';
import { RULES, RULE_IDS } from './rules';
import { annotationExemptions, applyDirectives, globMatch, type Suppression } from './suppress';
import type { IgnoreEntry } from './config';
import { EMPTY_FACTS, EMPTY_VIEW, factsOfObjects, mergeFacts, namespaceOfObject, sharedFactsOfChunk, type FileFacts, type WorkspaceView } from './workspace';

/** A finding with everything a reporter needs; spans are offsets into the analysed text. */
export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  /** `spec.template.spec.containers[0].securityContext.privileged` */
  readonly path: string;
  readonly resource?: ResourceId;
  readonly container?: string;
  readonly fix?: Fix;
}

/** An object and the offset of its chunk: its spans are relative to that chunk's text. */
export interface FileObject {
  readonly object: K8sObject;
  readonly offset: number;
}

/** An object's identity and extent (file offsets): what an analysis keeps when it drops syntax trees. */
export interface PlacedResource {
  readonly id: ResourceId;
  readonly span: Span;
}

/** Something the user should know about the file that is not a finding. */
export interface Notice {
  readonly kind: SkipReason['kind'] | 'template';
  readonly message: string;
  readonly span?: Span;
}

/** A rule that threw; reported once so one bad rule never hides the others' findings. */
export interface RuleFailure {
  readonly ruleId: string;
  readonly error: string;
}

/** A finding silenced by a comment, an annotation or the config file. */
export interface SuppressedFinding extends Finding {
  readonly suppression: Suppression;
}

export interface AnalysisResult {
  readonly findings: readonly Finding[];
  /** Findings that suppressions hide; `--show-suppressed` and SARIF report them. */
  readonly suppressed: readonly SuppressedFinding[];
  readonly notices: readonly Notice[];
  readonly failures: readonly RuleFailure[];
  /**
   * The objects found, with their syntax trees. An analysis made with a chunk cache keeps no
   * trees (they were most of a large open file's memory), so reading this parses the file's
   * documents again; editor features ask `objectsAt` for one place instead.
   */
  readonly objects: readonly FileObject[];
  /** Every object's identity and extent, whatever became of the trees. */
  readonly resources: readonly PlacedResource[];
  /** The file's cross-object facts (WorkspaceIndex). */
  readonly facts: FileFacts;
  /** The file's text contains at least one Kubernetes object. */
  readonly isKubernetes: boolean;
  /** Per YAML document, when `AnalyzeOptions.chunks` asks for them. */
  readonly chunks?: readonly PlacedChunk[];
}

/**
 * One YAML document of an analysis and where it sits in the file. `result` is the same object
 * for as long as the chunk cache keeps the document's text, so callers can key their own
 * per-document work on it.
 */
export interface PlacedChunk {
  readonly start: number;
  readonly result: ChunkOutcome;
}

/** A document's own findings, with offsets into `text` (not into the file). */
export interface ChunkOutcome {
  readonly text: string;
  readonly findings: readonly Finding[];
}

interface ChunkResult extends ChunkOutcome {
  readonly findings: readonly Finding[];
  readonly suppressed: readonly SuppressedFinding[];
  readonly notices: readonly Notice[];
  readonly failures: readonly RuleFailure[];
  /** Spans relative to the chunk. */
  readonly resources: readonly PlacedResource[];
  readonly facts: FileFacts;
}

/** A value remembered for one chunk text; `text` is a detached copy (see `detached`). */
interface Keyed<T> {
  readonly text: string;
  readonly value: T;
}

/**
 * Values per chunk text for the chunks of the latest round (one analysis of one document).
 * Looking chunks up by their text hashed every chunk of the file on every edit, which was the
 * largest part of a warm re-analysis of a large file. A chunk the edit did not touch sits where
 * it sat before, or after the edit by the change in the file's length, so those two places are
 * tried first and confirmed by comparing the texts (cheap next to hashing); the text-keyed map is
 * only asked for chunks that moved otherwise or changed.
 */
class ChunkMemo<T> {
  private byText = new Map<string, Keyed<T>>();
  private byStart = new Map<number, Keyed<T>>();
  private lastLength = 0;
  private nextText = new Map<string, Keyed<T>>();
  private nextStart = new Map<number, Keyed<T>>();
  private delta = 0;
  private length = 0;

  /** Starts a round over a text of `length` characters. */
  begin(length: number): void {
    this.length = length;
    this.delta = length - this.lastLength;
    this.nextText = new Map();
    this.nextStart = new Map();
  }

  get(text: string, start: number): T | undefined {
    const hit = this.find(text, start);
    if (hit) this.remember(hit, start);
    return hit?.value;
  }

  /** `text` must not be a slice of a larger string. */
  keep(text: string, start: number, value: T): void {
    this.remember({ text, value }, start);
  }

  /** Ends the round: only its chunks are remembered. */
  end(): void {
    this.byText = this.nextText;
    this.byStart = this.nextStart;
    this.lastLength = this.length;
  }

  clear(): void {
    this.byText = new Map();
    this.byStart = new Map();
  }

  private find(text: string, start: number): Keyed<T> | undefined {
    const same = this.byStart.get(start);
    if (same && same.text.length === text.length && same.text === text) return same;
    if (this.delta !== 0) {
      const shifted = this.byStart.get(start - this.delta);
      if (shifted && shifted.text.length === text.length && shifted.text === text) return shifted;
    }
    return this.nextText.get(text) ?? this.byText.get(text);
  }

  private remember(keyed: Keyed<T>, start: number): void {
    // Keyed by the stored copy, whose hash V8 computed once when it was first stored.
    this.nextText.set(keyed.text, keyed);
    this.nextStart.set(start, keyed);
  }
}

/**
 * Remembers per-chunk results of one document so that an edit re-analyses only the YAML
 * documents it touched. Holds the chunks of the latest analysis only.
 */
export class ChunkCache {
  private readonly entries = new ChunkMemo<ChunkResult>();
  private settings: Settings | undefined;
  private rules: readonly Rule[] | undefined;
  private workspaceKey = '';
  private readonly facts = new ChunkMemo<FileFacts>();
  private readonly merges = new Map<'shared' | 'all', { readonly parts: readonly FileFacts[]; readonly merged: FileFacts }>();

  /**
   * The facts of all documents merged, reused while every document's facts are what they were:
   * an edit changes one document, and rarely its facts, but merging thousands was a tenth of an edit.
   * Facts are plain data built in a fixed order, so equal facts serialise equally.
   */
  mergedFacts(kind: 'shared' | 'all', parts: readonly FileFacts[]): FileFacts {
    const last = this.merges.get(kind);
    if (last && last.parts.length === parts.length && parts.every((part, i) => part === last.parts[i] || JSON.stringify(part) === JSON.stringify(last.parts[i]))) return last.merged;
    const merged = mergeFacts(parts);
    this.merges.set(kind, { parts, merged });
    return merged;
  }

  /** The shared workspace facts of every chunk, remembered across edits like the results. */
  factsOf(chunks: readonly Chunk[], length: number): FileFacts[] {
    this.facts.begin(length);
    const out = chunks.map((chunk) => {
      let facts = this.facts.get(chunk.text, chunk.start);
      if (!facts) {
        facts = sharedFactsOfChunk(chunk.text);
        this.facts.keep(detached(chunk.text), chunk.start, facts);
      }
      return facts;
    });
    this.facts.end();
    return out;
  }

  /** `workspaceKey`: results depend on the workspace view, so a different view starts afresh. */
  take(
    settings: Settings,
    rules: readonly Rule[],
    workspaceKey: string,
    length: number,
  ): { get(chunk: Chunk): ChunkResult | undefined; keep(start: number, result: ChunkResult): void; done(): void } {
    const sameRules = rules === this.rules || (this.rules?.length === rules.length && rules.every((rule, i) => rule === this.rules?.[i]));
    if (settings !== this.settings || !sameRules || workspaceKey !== this.workspaceKey) {
      this.entries.clear();
      this.settings = settings;
      this.rules = rules;
      this.workspaceKey = workspaceKey;
    }
    this.entries.begin(length);
    return {
      get: (chunk) => this.entries.get(chunk.text, chunk.start),
      keep: (start, result) => this.entries.keep(result.text, start, result),
      done: () => this.entries.end(),
    };
  }
}

export interface AnalyzeOptions {
  readonly settings: Settings;
  readonly rules?: readonly Rule[];
  readonly cache?: ChunkCache;
  /**
   * Shared facts of the other files of the workspace (WorkspaceIndex.viewFor). The file's own
   * facts are always added, so cross-object rules work within one file without it.
   */
  readonly workspace?: WorkspaceView;
  /** Also return `AnalysisResult.chunks` (the language server reuses per-document work with them). */
  readonly chunks?: boolean;
}

type Enabled = readonly { rule: Rule; severity: Severity }[];

/** Rules and settings that hold for every chunk of one analysis. */
interface RunContext {
  readonly enabled: Enabled;
  readonly enabledIds: ReadonlySet<string>;
  /** Restricted-level Pod Security rules the profile leaves out, run for pods in restricted-labelled namespaces. */
  readonly elevated: Enabled;
  readonly settings: Settings;
  readonly workspace: WorkspaceView;
}

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

/** The severity a rule reports at under the settings, or undefined when it does not run. */
export function effectiveSeverity(rule: Rule, settings: Settings): Severity | undefined {
  const override = settings.rules[rule.meta.id];
  if (override === 'off') return undefined;
  if (override && SEVERITIES.includes(override)) return override;
  return profileIncludes(settings.profile, rule.meta.profile) ? rule.meta.severity : undefined;
}

/** Analyses one file's text with every enabled rule. Never throws on any input. */
export function analyzeText(text: string, options: AnalyzeOptions): AnalysisResult {
  const { settings } = options;
  const rules = options.rules ?? RULES;
  if (!settings.enable) return { ...NOTHING, notices: [] };
  const skip = checkText(text, settings.maxFileSize);
  if (skip) return { ...NOTHING, notices: [{ kind: skip.kind, message: skip.message }] };

  const enabled = rules.flatMap((rule) => {
    const severity = effectiveSeverity(rule, settings);
    return severity ? [{ rule, severity }] : [];
  });
  // The pod security level of a namespace comes from its label: restricted-level rules a baseline
  // profile leaves out still run for pods the cluster will judge at restricted.
  const elevated = rules.flatMap((rule) =>
    rule.meta.pss?.level === 'restricted' && settings.rules[rule.meta.id] !== 'off' && !effectiveSeverity(rule, settings)
      ? [{ rule, severity: rule.meta.severity }]
      : [],
  );
  // Without a cache the caller owns the result's syntax trees; a cache outlives them. A document
  // repeated word for word is analysed once, and its objects serve each place it appears.
  const trees: FileObject[] | undefined = options.cache ? undefined : [];
  const treesOf = new Map<ChunkResult, readonly K8sObject[]>();
  const cache = options.cache ?? new ChunkCache();
  const chunks = splitDocuments(text);
  const own = cache.mergedFacts('shared', cache.factsOf(chunks, text.length));
  const workspace = (options.workspace ?? EMPTY_VIEW).with(own);
  const run: RunContext = { enabled, enabledIds: new Set(enabled.map((entry) => entry.rule.meta.id)), elevated, settings, workspace };
  const session = cache.take(settings, rules, workspace.key, text.length);
  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  const notices: Notice[] = [];
  const failures: RuleFailure[] = [];
  const resources: PlacedResource[] = [];
  const facts: FileFacts[] = [];
  const placedChunks: PlacedChunk[] = [];
  for (const chunk of chunks) {
    let result = session.get(chunk);
    if (!result) {
      const analysed = analyzeChunk(detached(chunk.text), run);
      result = analysed.result;
      session.keep(chunk.start, result);
      if (trees) treesOf.set(result, analysed.objects);
    }
    if (trees) for (const object of treesOf.get(result) ?? []) trees.push({ object, offset: chunk.start });
    const at = placedAt(result, chunk.start);
    for (const finding of at.findings) findings.push(finding);
    for (const finding of at.suppressed) suppressed.push(finding);
    for (const notice of at.notices) notices.push(notice);
    for (const resource of at.resources) resources.push(resource);
    failures.push(...result.failures);
    facts.push(result.facts);
    placedChunks.push({ start: chunk.start, result });
  }
  session.done();
  const analysis = {
    findings,
    suppressed,
    notices,
    failures: dedupeFailures(failures),
    resources,
    facts: cache.mergedFacts('all', facts),
    isKubernetes: resources.length > 0,
    ...(options.chunks ? { chunks: placedChunks } : {}),
  };
  if (trees) return { ...analysis, objects: trees };
  return {
    ...analysis,
    get objects() {
      return objectsOfChunks(placedChunks, () => true);
    },
  };
}

const NOTHING: AnalysisResult = Object.freeze({ findings: [], suppressed: [], notices: [], failures: [], objects: [], resources: [], facts: EMPTY_FACTS, isKubernetes: false });

/**
 * The objects whose documents overlap `span` (file offsets), parsing only those documents when
 * the analysis kept no syntax trees.
 */
export function objectsAt(result: AnalysisResult, span: Span): FileObject[] {
  const overlaps = (start: number, end: number) => start <= span.end && span.start <= end;
  if (!result.chunks) return result.objects.filter(({ object, offset }) => overlaps(object.root.span.start + offset, object.root.span.end + offset));
  return objectsOfChunks(result.chunks, overlaps);
}

function objectsOfChunks(chunks: readonly PlacedChunk[], wanted: (start: number, end: number) => boolean): FileObject[] {
  const out: FileObject[] = [];
  for (const { start, result } of chunks) {
    if (!wanted(start, start + result.text.length)) continue;
    for (const object of objectsOfChunk(result.text)) out.push({ object, offset: start });
  }
  return out;
}

/**
 * A copy of a chunk's text that does not share memory with the whole file. V8 keeps a slice's
 * parent string alive, so cache keys and syntax trees built on slices would pin every edited
 * version of a large file.
 */
function detached(text: string): string {
  if (text.length < 64) return text;
  // Latin-1 text stays one byte per character: half the memory, and comparing it with the next
  // version's chunks (one-byte too) runs at memory speed rather than character by character.
  return NOT_LATIN1.test(text) ? Buffer.from(text, 'utf16le').toString('utf16le') : Buffer.from(text, 'latin1').toString('latin1');
}

const NOT_LATIN1 = /[^\u0000-\u00ff]/;

function analyzeChunk(text: string, run: RunContext): { result: ChunkResult; objects: readonly K8sObject[] } {
  const { enabled } = run;
  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  const notices: Notice[] = [];
  const failures: RuleFailure[] = [];
  const objects: K8sObject[] = [];
  let docs;
  try {
    docs = parseChunk(text);
  } catch (error) {
    const notice: Notice = { kind: 'not-yaml', message: `The YAML parser failed: ${String(error)}` };
    return { result: { text, findings: [], suppressed: [], notices: [notice], failures: [], resources: [], facts: EMPTY_FACTS }, objects: [] };
  }
  const fixer = new Fixer(text);
  for (const doc of docs) {
    const error = doc.errors[0];
    if (error) {
      // yaml may point one past the end of the text for errors at end of input.
      const start = Math.min(error.pos[0], text.length);
      const end = Math.min(Math.max(error.pos[1], start), text.length);
      const docText = text.slice(doc.range[0], doc.range[2]);
      if (looksLikeTemplate(docText)) {
        notices.push({
          kind: 'template',
          message: 'This YAML document contains template syntax ({{ }}), so it was not analysed. Scan the rendered output (helm template) instead.',
          span: { start: doc.range[0], end: doc.range[0] },
        });
      } else {
        const yamlSyntax = enabled.find((entry) => entry.rule.meta.id === 'yaml-syntax');
        if (yamlSyntax) {
          findings.push({
            ruleId: 'yaml-syntax',
            severity: yamlSyntax.severity,
            message: syntaxMessage(error.message),
            span: { start, end },
            path: '',
          });
        }
      }
      continue;
    }
    const source = new Source(text, doc);
    for (const object of objectsOf(source)) {
      objects.push(object);
      runRules(object, run, fixer, { findings, suppressed, failures });
    }
  }
  const directives = applyDirectives(text, findings, RULE_IDS, run.enabledIds);
  for (const { finding, suppression } of directives.suppressed) suppressed.push({ ...finding, suppression });
  const kept = directives.kept;
  const unused = enabled.find((entry) => entry.rule.meta.id === 'unused-suppression');
  if (unused) {
    for (const problem of directives.problems) {
      kept.push({ ruleId: 'unused-suppression', severity: unused.severity, message: problem.message, span: problem.span, path: '' });
    }
  }
  const resources = objects.map((object) => ({ id: object.id, span: object.root.span }));
  return { result: { text, findings: kept, suppressed, notices, failures, resources, facts: factsOfObjects(objects) }, objects };
}

/** The config ignore that matches a finding, live or expired. */
function matchIgnore(ignores: readonly IgnoreEntry[], ruleId: string, object: K8sObject, container: string | undefined): IgnoreEntry | undefined {
  return ignores.find(
    (entry) =>
      (entry.rules.includes('*') || entry.rules.includes(ruleId)) &&
      (entry.kind === undefined || globMatch(entry.kind, object.kind.value)) &&
      (entry.namespace === undefined || globMatch(entry.namespace, object.namespace?.value ?? '')) &&
      (entry.name === undefined || globMatch(entry.name, object.name?.value ?? '')) &&
      (entry.container === undefined || (container !== undefined && globMatch(entry.container, container))),
  );
}

function syntaxMessage(raw: string): string {
  const first = (raw.split('\n')[0] ?? raw).replace(/ at line \d+, column \d+:?$/, '').trim();
  const sentence = first.endsWith('.') ? first : `${first}.`;
  return `The YAML cannot be parsed: ${sentence}`;
}

function runRules(
  object: K8sObject,
  run: RunContext,
  fixer: Fixer,
  out: { findings: Finding[]; suppressed: SuppressedFinding[]; failures: RuleFailure[] },
): void {
  const { findings, suppressed, failures } = out;
  const { settings, workspace } = run;
  const namespaceLevel = workspace.namespaceLevel(namespaceOfObject(object));
  const profileLevel = settings.profile === 'baseline' ? 'baseline' : 'restricted';
  // A label can only raise the level: the profile is what the user asked to be held to.
  const level = namespaceLevel === 'restricted' ? 'restricted' : profileLevel;
  const enabled = level === 'restricted' && run.elevated.length > 0 ? [...run.enabled, ...run.elevated] : run.enabled;
  const ruleSettings: RuleSettings = {
    level,
    pssVersion: settings.pssVersion,
    allowedRegistries: settings.allowedRegistries,
    fix: settings.fix,
    schemaValidation: settings.schemaValidation,
  };
  const ctx: CheckContext = { fixer, settings: ruleSettings, object, workspace };
  const pod = readPodSpec(object);
  const exemptions = annotationExemptions(object, pod, RULE_IDS);
  const usedExemptions = new Set<object>();
  const place = (finding: Finding, container: string | undefined) => {
    const ignore = matchIgnore(settings.ignores, finding.ruleId, object, container);
    if (ignore && (ignore.expires === undefined || settings.today < ignore.expires)) {
      suppressed.push({ ...finding, suppression: { kind: 'config', justification: ignore.reason } });
      return;
    }
    const exemption = exemptions.find((e) => e.ruleId === finding.ruleId);
    if (exemption) {
      usedExemptions.add(exemption);
      suppressed.push({ ...finding, suppression: { kind: 'annotation', ...(exemption.justification ? { justification: exemption.justification } : {}) } });
      return;
    }
    findings.push(ignore ? { ...finding, message: `${finding.message} (The .kubeward.yaml ignore for this finding expired on ${ignore.expires}: "${ignore.reason}".)` } : finding);
  };
  // One function for every rule, not a closure per rule: a hundred rules per object made those
  // closures a tenth of an analysis's allocations.
  const emit = (rule: Rule, severity: Severity, found: readonly RuleFinding[], container?: string) => {
    for (const finding of found) {
      const containerName = finding.container ?? container;
      place({
        ruleId: rule.meta.id,
        severity,
        message: finding.message,
        span: finding.span,
        path: formatPath(finding.path),
        resource: object.id,
        ...(containerName !== undefined ? { container: containerName } : {}),
        ...(finding.fix && finding.fix.edits.length > 0 ? { fix: capSafety(finding.fix, rule) } : {}),
      }, containerName);
    }
  };
  for (const { rule, severity } of enabled) {
    try {
      switch (rule.scope) {
        case 'object':
          if (!rule.kinds || rule.kinds.includes(object.kind.value)) emit(rule, severity, rule.check(object, ctx));
          break;
        case 'pod':
          if (pod) emit(rule, severity, rule.check(pod, ctx));
          break;
        case 'container':
          if (pod) for (const container of pod.containers) emit(rule, severity, rule.check(container, pod, ctx), container.name?.value);
          break;
        default:
          break;
      }
    } catch (error) {
      failures.push({ ruleId: rule.meta.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  }
  const unused = enabled.find((entry) => entry.rule.meta.id === 'unused-suppression');
  const enabledIds = enabled === run.enabled ? run.enabledIds : new Set(enabled.map((entry) => entry.rule.meta.id));
  for (const exemption of exemptions) {
    if (!unused || !exemption.own || usedExemptions.has(exemption)) continue;
    const known = RULE_IDS.has(exemption.ruleId);
    if (known && !enabledIds.has(exemption.ruleId)) continue;
    findings.push({
      ruleId: 'unused-suppression',
      severity: unused.severity,
      message: known
        ? `The annotation exempts ${object.label} from "${exemption.ruleId}", but that rule reports nothing here; remove it.`
        : `"${exemption.ruleId}" is not a Kubeward rule, so the annotation exempts ${object.label} from nothing.`,
      span: exemption.at.span,
      path: formatPath(exemption.at.path),
      resource: object.id,
    });
  }
}

/** A fix is never safer than its rule declares. */
function capSafety(fix: Fix, rule: Rule): Fix {
  return rule.meta.fix === 'unsafe' && fix.safety === 'safe' ? { ...fix, safety: 'unsafe' } : fix;
}

/** A chunk's findings moved to where the chunk sits in the file. */
interface Placed {
  readonly by: number;
  readonly findings: readonly Finding[];
  readonly suppressed: readonly SuppressedFinding[];
  readonly notices: readonly Notice[];
  readonly resources: readonly PlacedResource[];
}

// Copying every finding of every cached chunk to its file offset was a third of a warm
// re-analysis; chunks that did not move since the last analysis reuse the last copies.
const placements = new WeakMap<ChunkResult, Placed>();

function placedAt(result: ChunkResult, by: number): Placed {
  const last = placements.get(result);
  if (last?.by === by) return last;
  const placed: Placed = {
    by,
    findings: result.findings.map((finding) => shifted(finding, by)),
    suppressed: result.suppressed.map((finding) => shifted(finding, by)),
    notices: result.notices.map((notice) => (notice.span ? { ...notice, span: shiftSpan(notice.span, by) } : notice)),
    resources: result.resources.map((resource) => ({ id: resource.id, span: shiftSpan(resource.span, by) })),
  };
  placements.set(result, placed);
  return placed;
}

function shiftSpan(span: Span, by: number): Span {
  return by === 0 ? span : { start: span.start + by, end: span.end + by };
}

function shiftEdits(edits: readonly TextEdit[], by: number): TextEdit[] {
  return edits.map((edit) => ({ ...edit, start: edit.start + by, end: edit.end + by }));
}

function shifted<F extends Finding>(finding: F, by: number): F {
  if (by === 0) return finding;
  return {
    ...finding,
    span: shiftSpan(finding.span, by),
    ...(finding.fix ? { fix: { ...finding.fix, edits: shiftEdits(finding.fix.edits, by) } } : {}),
  };
}

function dedupeFailures(failures: readonly RuleFailure[]): RuleFailure[] {
  const seen = new Set<string>();
  return failures.filter((failure) => !seen.has(failure.ruleId) && seen.add(failure.ruleId));
}
