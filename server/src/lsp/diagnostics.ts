import {
  DiagnosticSeverity,
  type Connection,
  type Diagnostic,
  type TextDocuments,
  type TextEdit as LspTextEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeText, ChunkCache, type AnalysisResult, type ChunkOutcome, type Finding } from '../engine/analyze';
import { crdRegistry } from '../engine/schema';
import type { Settings } from '../engine/config';
import { docsUrl } from '../engine/docs';
import type { Rule, Severity, TextEdit } from '../engine/rule';
import { LineIndex } from '../engine/text';
import { DIAGNOSTIC_SOURCE, type DiagnosticData, type DiagnosticFix } from '../protocol';
import { configDiagnostics, isConfigFile } from './config-diagnostics';
import type { SettingsStore } from './settings';
import { resourceKey, type WorkspaceCrds } from './workspace-crds';
import type { WorkspaceFacts } from './workspace-facts';

/** One finished analysis of one document version; hovers and code actions read it. */
export interface Analysis {
  readonly uri: string;
  readonly version: number;
  /** The settings generation it was computed under. */
  readonly generation: number;
  readonly text: string;
  readonly lines: LineIndex;
  readonly settings: Settings;
  readonly result: AnalysisResult;
  /** The findings published as diagnostics. */
  readonly findings: readonly Finding[];
}

/** The one place that maps engine severities to LSP ones. */
export function toLspSeverity(severity: Severity): DiagnosticSeverity {
  switch (severity) {
    case 'error':
      return DiagnosticSeverity.Error;
    case 'warning':
      return DiagnosticSeverity.Warning;
    case 'info':
      return DiagnosticSeverity.Information;
    case 'hint':
      return DiagnosticSeverity.Hint;
  }
}

/** Engine edits (offsets into the analysed text) as LSP edits. */
export function toLspEdits(edits: readonly TextEdit[], lines: LineIndex): LspTextEdit[] {
  return edits.map((edit) => ({ range: lines.rangeOf(edit), newText: edit.newText }));
}

/** Builds every Kubeward diagnostic; the fix travels in `data` so code actions never re-run rules. */
export function toDiagnostic(finding: Finding, lines: LineIndex, version: number): Diagnostic {
  const data: DiagnosticData = {
    ruleId: finding.ruleId,
    version,
    ...(finding.fix ? { fix: { title: finding.fix.title, safety: finding.fix.safety, edits: toLspEdits(finding.fix.edits, lines) } } : {}),
  };
  return {
    range: lines.rangeOf(finding.span),
    severity: toLspSeverity(finding.severity),
    source: DIAGNOSTIC_SOURCE,
    code: finding.ruleId,
    codeDescription: codeDescriptionOf(finding.ruleId),
    message: finding.message,
    data,
  };
}

const KUBERNETES_KEYS = /^[ \t]*(?:-[ \t]+)?(?:apiVersion|kind)[ \t]*:/m;

function showsSyntaxErrors(result: AnalysisResult, text: string): boolean {
  return result.isKubernetes || KUBERNETES_KEYS.test(text);
}

/**
 * The findings to show. A syntax error in YAML that does not even look like Kubernetes (a CI
 * workflow being typed) belongs to the YAML extension; Kubeward stays silent on such files.
 */
export function visibleFindings(result: AnalysisResult, text: string): readonly Finding[] {
  if (showsSyntaxErrors(result, text)) return result.findings;
  return result.findings.filter((finding) => finding.ruleId !== 'yaml-syntax');
}

/** A diagnostic without its version-bound `data`, and the fix that goes into it. */
interface Prepared {
  readonly diagnostic: {
    readonly range: Diagnostic['range'];
    readonly severity: DiagnosticSeverity;
    readonly source: string;
    readonly code: string;
    readonly codeDescription: { readonly href: string };
    readonly message: string;
  };
  readonly ruleId: string;
  readonly fix?: DiagnosticFix;
}

/** One YAML document's diagnostics, placed with the document starting at `line`. */
interface ChunkDiagnostics {
  readonly line: number;
  readonly syntax: boolean;
  readonly items: readonly Prepared[];
}

// Rebuilding every diagnostic of a large file after each keystroke (line lookups for every range
// and fix edit) was a fifth of an edit. A document the edit did not touch keeps its engine result
// object, so its diagnostics are built once and only moved when lines were added or removed above it.
const chunkDiagnostics = new WeakMap<ChunkOutcome, ChunkDiagnostics>();
const lineBreaks = new WeakMap<ChunkOutcome, number>();
const codeDescriptions = new Map<string, { readonly href: string }>();

/** The rule's documentation link, one shared object per rule (a large file has thousands of diagnostics). */
export function codeDescriptionOf(ruleId: string): { readonly href: string } {
  let codeDescription = codeDescriptions.get(ruleId);
  if (!codeDescription) {
    codeDescription = Object.freeze({ href: docsUrl(ruleId) });
    codeDescriptions.set(ruleId, codeDescription);
  }
  return codeDescription;
}

function lineBreaksOf(chunk: ChunkOutcome): number {
  let count = lineBreaks.get(chunk);
  if (count === undefined) {
    count = 0;
    for (let at = chunk.text.indexOf('\n'); at !== -1; at = chunk.text.indexOf('\n', at + 1)) count++;
    lineBreaks.set(chunk, count);
  }
  return count;
}

function prepare(finding: Finding, lines: LineIndex, shift: number, line: number): Prepared {
  const at = (offset: number) => {
    const position = lines.positionAt(offset - shift);
    return { line: position.line + line, character: position.character };
  };
  return {
    diagnostic: {
      range: { start: at(finding.span.start), end: at(finding.span.end) },
      severity: toLspSeverity(finding.severity),
      source: DIAGNOSTIC_SOURCE,
      code: finding.ruleId,
      codeDescription: codeDescriptionOf(finding.ruleId),
      message: finding.message,
    },
    ruleId: finding.ruleId,
    ...(finding.fix
      ? {
          fix: {
            title: finding.fix.title,
            safety: finding.fix.safety,
            edits: finding.fix.edits.map((edit) => ({ range: { start: at(edit.start), end: at(edit.end) }, newText: edit.newText })),
          },
        }
      : {}),
  };
}

function moved(items: readonly Prepared[], by: number): Prepared[] {
  const range = (r: { start: { line: number; character: number }; end: { line: number; character: number } }) => ({
    start: { line: r.start.line + by, character: r.start.character },
    end: { line: r.end.line + by, character: r.end.character },
  });
  return items.map((item) => ({
    diagnostic: { ...item.diagnostic, range: range(item.diagnostic.range) },
    ruleId: item.ruleId,
    ...(item.fix ? { fix: { ...item.fix, edits: item.fix.edits.map((edit) => ({ range: range(edit.range), newText: edit.newText })) } } : {}),
  }));
}

/**
 * The diagnostics of an analysis made with `chunks`, the same as mapping `visibleFindings` through
 * `toDiagnostic`. A document that does not start a line, or a finding outside its document, is
 * mapped through the whole file's line index instead, and not remembered.
 */
export function diagnosticsOf(result: AnalysisResult, text: string, lines: () => LineIndex, version: number): Diagnostic[] {
  const syntax = showsSyntaxErrors(result, text);
  const out: Diagnostic[] = [];
  let line = 0;
  for (const { start, result: chunk } of result.chunks ?? []) {
    const chunkLine = line;
    line += lineBreaksOf(chunk);
    const visible = syntax ? chunk.findings : chunk.findings.filter((finding) => finding.ruleId !== 'yaml-syntax');
    if (visible.length === 0) continue;
    let items: readonly Prepared[];
    // `---` also opens a document after a lone `\r`, which is no line break for LSP positions.
    const startsLine = start === 0 || text.charCodeAt(start - 1) === 10;
    const cached = startsLine ? chunkDiagnostics.get(chunk) : undefined;
    if (cached && cached.syntax === syntax) {
      items = cached.line === chunkLine ? cached.items : moved(cached.items, chunkLine - cached.line);
      if (items !== cached.items) chunkDiagnostics.set(chunk, { line: chunkLine, syntax, items });
    } else {
      const inside = (offset: number) => offset >= 0 && offset <= chunk.text.length;
      const local = visible.every((f) => inside(f.span.start) && inside(f.span.end) && (f.fix?.edits ?? []).every((e) => inside(e.start) && inside(e.end)));
      if (startsLine && local) {
        const own = new LineIndex(chunk.text);
        items = visible.map((finding) => prepare(finding, own, 0, chunkLine));
        chunkDiagnostics.set(chunk, { line: chunkLine, syntax, items });
      } else {
        const whole = lines();
        items = visible.map((finding) => prepare(finding, whole, -start, 0));
      }
    }
    for (const { diagnostic: d, ruleId, fix } of items) {
      const data: DiagnosticData = fix ? { ruleId, version, fix } : { ruleId, version };
      out.push({ range: d.range, severity: d.severity, source: d.source, code: d.code, codeDescription: d.codeDescription, message: d.message, data });
    }
  }
  return out;
}

interface DocState {
  /** Replaced when a CRD the document's resources use changes: cached chunk results were validated against the old one. */
  cache: ChunkCache;
  timer?: NodeJS.Timeout;
  running?: { readonly version: number; readonly generation: number; readonly epoch: number; readonly crds: number; readonly promise: Promise<Analysis | undefined> };
  latest?: Analysis;
  linesWarm?: boolean;
}

/**
 * Analyses open documents and pushes their diagnostics: debounced per document, one engine chunk
 * cache per document so an edit re-analyses only the YAML documents it touched, and only the
 * newest version is ever published.
 */
export class DiagnosticsManager {
  private readonly states = new Map<string, DocState>();
  private readonly loggedNotices = new Map<string, Set<string>>();
  private readonly loggedFailures = new Set<string>();
  /**
   * Asked when a document closes; true when something else (the workspace scan) now owns its
   * diagnostics, so they must not be cleared.
   */
  onClosed: ((uri: string) => boolean) | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly settings: SettingsStore,
    private readonly debounceMs: number,
    /** Other files' facts for cross-object rules; each analysis records the document's own. */
    private readonly workspace?: WorkspaceFacts,
    /** The rule list; undefined is the engine's own (the test-only throwing rule replaces one entry). */
    private readonly rules?: readonly Rule[],
    /** Told each analysis's objects, so the CRDs of open documents validate the others' custom resources. */
    private readonly crds?: WorkspaceCrds,
  ) {}

  /**
   * The schemas of these custom resource kinds (`resourceKey`) changed: documents that have such
   * resources are analysed afresh, since their cached chunks were validated without the change.
   */
  crdsChanged(keys: ReadonlySet<string>): void {
    for (const doc of this.documents.all()) {
      const state = this.states.get(doc.uri);
      // Not analysed yet: its first analysis sees the registry as it is by then.
      if (!state?.latest) continue;
      if (!state.latest.result.resources.some(({ id }) => keys.has(resourceKey(id)))) continue;
      state.cache = new ChunkCache();
      this.schedule(doc.uri);
    }
  }

  /** Analyses after the debounce delay, restarting the delay on every call. */
  schedule(uri: string, delay = this.debounceMs): void {
    const state = this.state(uri);
    if (state.timer) clearTimeout(state.timer);
    state.timer = setTimeout(() => {
      delete state.timer;
      this.analyze(uri).catch((error: unknown) => this.connection.console.error(`Analysing ${uri} failed: ${String(error)}`));
    }, delay);
  }

  /** Re-analyses every open document, e.g. after a settings change. */
  scheduleAll(): void {
    for (const doc of this.documents.all()) this.schedule(doc.uri, 0);
  }

  /**
   * The analysis of the document as it is now, computed at once when an edit is still waiting
   * for its debounce (a hover or code action must not see stale offsets).
   */
  async current(uri: string): Promise<Analysis | undefined> {
    // A version that changes while its settings are pulled is superseded; retry a few times.
    if (isConfigFile(uri)) return undefined;
    for (let attempt = 0; attempt < 5; attempt++) {
      const doc = this.documents.get(uri);
      if (!doc) return undefined;
      const state = this.state(uri);
      const latest = state.latest;
      // A pending timer means something the analysis depends on (another file's facts) has changed.
      if (latest && latest.version === doc.version && latest.generation === this.settings.generation && !state.timer) return latest;
      if (state.timer) {
        clearTimeout(state.timer);
        delete state.timer;
      }
      const analysis = await this.analyze(uri);
      if (analysis) return analysis;
    }
    return undefined;
  }

  /** The document's chunk cache, shared with fix-all so its passes re-analyse only what they change. */
  cacheFor(uri: string): ChunkCache {
    return this.state(uri).cache;
  }

  /** Stops pending analyses (shutdown). */
  dispose(): void {
    for (const state of this.states.values()) if (state.timer) clearTimeout(state.timer);
    this.states.clear();
  }

  /** Forgets a closed document and clears its diagnostics. */
  close(uri: string): void {
    const state = this.states.get(uri);
    if (state?.timer) clearTimeout(state.timer);
    this.states.delete(uri);
    this.loggedNotices.delete(uri);
    this.settings.forget(uri);
    this.workspace?.openClosed(uri);
    this.crds?.openClosed(uri);
    if (this.onClosed?.(uri) !== true) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private state(uri: string): DocState {
    let state = this.states.get(uri);
    if (!state) {
      state = { cache: new ChunkCache() };
      this.states.set(uri, state);
    }
    return state;
  }

  private analyze(uri: string): Promise<Analysis | undefined> {
    const doc = this.documents.get(uri);
    if (!doc) return Promise.resolve(undefined);
    const state = this.state(uri);
    const { version } = doc;
    const generation = this.settings.generation;
    const epoch = this.workspace?.epoch ?? 0;
    const crds = crdRegistry.version;
    const { running } = state;
    if (running && running.version === version && running.generation === generation && running.epoch === epoch && running.crds === crds) return running.promise;
    const promise = this.run(uri, state, version, generation).finally(() => {
      if (state.running?.promise === promise) delete state.running;
    });
    state.running = { version, generation, epoch, crds, promise };
    return promise;
  }

  private async run(uri: string, state: DocState, version: number, generation: number): Promise<Analysis | undefined> {
    if (isConfigFile(uri)) {
      // A .kubeward.yaml is configuration, not a manifest: its mistakes are its diagnostics.
      const doc = this.documents.get(uri);
      if (doc && doc.version === version) void this.connection.sendDiagnostics({ uri, version, diagnostics: configDiagnostics(doc.getText()) });
      return undefined;
    }
    const { settings, excluded } = await this.settings.get(uri);
    const doc = this.documents.get(uri);
    // Superseded while the settings were pulled: a newer version or configuration has its own run.
    if (!doc || doc.version !== version || this.states.get(uri) !== state || this.settings.generation !== generation) return undefined;
    const text = doc.getText();
    let result: AnalysisResult;
    try {
      // An excluded file gets the engine's own empty result, as if Kubeward were disabled for it.
      result = excluded
        ? analyzeText(text, { settings: { ...settings, enable: false } })
        : analyzeText(text, {
            settings,
            cache: state.cache,
            chunks: true,
            ...(this.workspace ? { workspace: this.workspace.viewFor(uri) } : {}),
            ...(this.rules ? { rules: this.rules } : {}),
          });
    } catch (error) {
      // The engine promises never to throw; if it does, say so once and keep the server alive.
      this.connection.console.error(`Analysing ${uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return undefined;
    }
    // Recorded before publishing, so the files this one affects are re-analysed right after.
    this.workspace?.openAnalysed(uri, result.facts);
    this.crds?.openAnalysed(uri, text, result.resources, () => result.objects.map(({ object }) => object));
    // Built on first use: publishing needs it only for documents it has not seen before.
    let lineIndex: LineIndex | undefined;
    const lines = () => (lineIndex ??= new LineIndex(text));
    const findings = visibleFindings(result, text);
    const analysis: Analysis = {
      uri,
      version,
      generation,
      text,
      get lines() {
        return lines();
      },
      settings,
      result,
      findings,
    };
    state.latest = analysis;
    this.report(uri, result, lines);
    const diagnostics = result.chunks ? diagnosticsOf(result, text, lines, version) : findings.map((finding) => toDiagnostic(finding, lines(), version));
    void this.connection.sendDiagnostics({ uri, version, diagnostics });
    // The document's line table is built lazily by the first incremental change (10 ms for a
    // 3 MB file, in the user's first keystroke); build it once the diagnostics are out instead.
    if (!state.linesWarm) {
      state.linesWarm = true;
      setImmediate(() => doc.positionAt(0));
    }
    return analysis;
  }

  /** Notices and rule failures go to the output, once each, never into the Problems view. */
  private report(uri: string, result: AnalysisResult, lines: () => LineIndex): void {
    let logged = this.loggedNotices.get(uri);
    for (const notice of result.notices) {
      logged ??= new Set();
      this.loggedNotices.set(uri, logged);
      if (logged.has(notice.kind)) continue;
      logged.add(notice.kind);
      const where = notice.span ? `:${lines().positionAt(notice.span.start).line + 1}` : '';
      this.connection.console.info(`${uri}${where}: ${notice.message}`);
    }
    for (const failure of result.failures) {
      if (this.loggedFailures.has(failure.ruleId)) continue;
      this.loggedFailures.add(failure.ruleId);
      this.connection.console.error(`Rule "${failure.ruleId}" failed and was skipped; please report this. ${failure.error}`);
    }
  }
}
