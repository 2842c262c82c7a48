import { objectsAt } from '../engine/analyze';
import {
  CodeActionKind,
  type CancellationToken,
  TextDocumentEdit,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { fixAll, fixKeepsSyntax, minimalEdit } from '../engine/fix-all';
import { disableForLineEdits, disableForObjectEdits } from '../engine/suppress/edits';
import { DIAGNOSTIC_SOURCE, FIX_ALL_KIND, type DiagnosticData } from '../protocol';
import { PIN_DIGEST_RULES } from '../registry/pin';
import { toLspEdits, type Analysis, type DiagnosticsManager } from './diagnostics';
import { isPinDigestData, type PinDigest } from './pin-digest';
import type { SettingsStore } from './settings';

/** What the client can do with the edits we return. */
export interface CodeActionClientSupport {
  /** `workspaceEdit.documentChanges`: versioned edits, rejected by the client when stale. */
  readonly documentChanges: boolean;
  /** `codeAction.resolveSupport` covers `edit`: whole-file fixes can be computed on demand. */
  readonly resolveEdit: boolean;
}

/** Rules a suppression action is not offered for: a parse error is not an exemption, nor is a stale directive. */
const NOT_SUPPRESSIBLE = new Set(['yaml-syntax', 'unused-suppression']);

/**
 * `CodeAction.data` of actions whose edit is computed in `codeAction/resolve`. Other kinds of lazy
 * actions (e.g. digest pinning, which needs the network) add their own `kubeward` tag and a branch
 * in `resolve`.
 */
interface FixAllData {
  readonly kubeward: 'fix-all';
  readonly uri: string;
  /** Absent for `source.fixAll.kubeward`: every rule. */
  readonly ruleId?: string;
}

function isFixAllData(value: unknown): value is FixAllData {
  const data = value as Partial<FixAllData> | null;
  return typeof data === 'object' && data !== null && data.kubeward === 'fix-all' && typeof data.uri === 'string';
}

/** Reads `Diagnostic.data` back, trusting nothing: it has been through the client. */
export function diagnosticData(diagnostic: Diagnostic): DiagnosticData | undefined {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE) return undefined;
  const data = diagnostic.data as Partial<DiagnosticData> | null | undefined;
  if (typeof data !== 'object' || data === null || typeof data.ruleId !== 'string' || typeof data.version !== 'number') return undefined;
  const fix = data.fix;
  if (fix !== undefined && (typeof fix.title !== 'string' || (fix.safety !== 'safe' && fix.safety !== 'unsafe') || !Array.isArray(fix.edits))) {
    return { ruleId: data.ruleId, version: data.version };
  }
  return data as DiagnosticData;
}

function keepsSyntax(analysis: Analysis, edits: readonly LspTextEdit[]): boolean {
  return fixKeepsSyntax(
    analysis.text,
    edits.map((edit) => ({ start: analysis.lines.offsetAt(edit.range.start), end: analysis.lines.offsetAt(edit.range.end), newText: edit.newText })),
  );
}

/** True when the request asks for `kind` (no filter, or a filter that is `kind` or one of its parents). */
function wants(only: readonly string[] | undefined, kind: string): boolean {
  return !only || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
}

/**
 * Builds code actions from the diagnostics' data, never by re-running rules or reading messages:
 * the data carries each fix as it was computed for the version the user saw.
 */
export class CodeActions {
  constructor(
    private readonly diagnostics: DiagnosticsManager,
    private readonly support: CodeActionClientSupport,
    /** Digest pinning; offered only to clients that resolve edits lazily, since it needs the network. */
    private readonly pin?: { readonly digest: PinDigest; readonly settings: SettingsStore },
  ) {}

  async provide(params: CodeActionParams): Promise<CodeAction[]> {
    const uri = params.textDocument.uri;
    const only = params.context.only;
    const actions: CodeAction[] = [];
    const fixable: { diagnostic: Diagnostic; data: DiagnosticData & Required<Pick<DiagnosticData, 'fix'>> }[] = [];
    for (const diagnostic of params.context.diagnostics) {
      const data = diagnosticData(diagnostic);
      if (data?.fix) fixable.push({ diagnostic, data: data as DiagnosticData & Required<Pick<DiagnosticData, 'fix'>> });
    }

    const pinnable = wants(only, CodeActionKind.QuickFix) && this.pin && this.support.resolveEdit
      ? params.context.diagnostics.flatMap((diagnostic) => {
          const data = diagnosticData(diagnostic);
          return data && PIN_DIGEST_RULES.has(data.ruleId) ? [{ diagnostic, data }] : [];
        })
      : [];
    const suppressible = wants(only, CodeActionKind.QuickFix)
      ? params.context.diagnostics.flatMap((diagnostic) => {
          const data = diagnosticData(diagnostic);
          return data && !NOT_SUPPRESSIBLE.has(data.ruleId) ? [{ diagnostic, data }] : [];
        })
      : [];
    const wantsFileFixes = fixable.length > 0 && wants(only, CodeActionKind.QuickFix);
    const wantsFixAll = wants(only, FIX_ALL_KIND);
    if (!wantsFileFixes && !wantsFixAll && suppressible.length === 0 && pinnable.length === 0) return actions;
    // Counting the file's other findings needs the analysis, not rules: it is what was published.
    const analysis = await this.diagnostics.current(uri);

    if (wants(only, CodeActionKind.QuickFix)) {
      for (const { diagnostic, data } of fixable) {
        // A fix computed for the text as it is now must not break it (odd input can make it);
        // one for another version carries a versioned edit that the client refuses anyway.
        if (analysis && data.version === analysis.version && !keepsSyntax(analysis, data.fix.edits)) continue;
        const unsafe = data.fix.safety === 'unsafe';
        actions.push({
          title: unsafe ? `${data.fix.title} (unsafe)` : data.fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: !unsafe,
          edit: this.workspaceEdit(uri, data.version, data.fix.edits),
        });
      }
    }
    if (!analysis) return actions;

    if (this.pin && pinnable.length > 0) {
      const { registry } = await this.pin.settings.get(uri);
      const offered = new Set<string>();
      for (const { diagnostic, data } of pinnable) {
        const action = this.pin.digest.offer(diagnostic, data.ruleId, data.version, analysis, registry.dropTag);
        const key = JSON.stringify(action?.data);
        // image-digest and image-latest-tag may both flag one image: one action for it.
        if (!action || offered.has(key)) continue;
        offered.add(key);
        actions.push(action);
      }
    }
    const unsafeAllowed = analysis.settings.fix.unsafe;
    const bulk = analysis.findings.filter((finding) => finding.fix && (unsafeAllowed || finding.fix.safety === 'safe'));

    if (wantsFileFixes) {
      const offered = new Set<string>();
      for (const { data } of fixable) {
        if (offered.has(data.ruleId)) continue;
        offered.add(data.ruleId);
        const ofRule = bulk.filter((finding) => finding.ruleId === data.ruleId);
        if (ofRule.length < 2) continue;
        const unsafe = ofRule.some((finding) => finding.fix?.safety === 'unsafe');
        const action: CodeAction = {
          title: `Fix all ${data.ruleId} problems in this file${unsafe ? ' (unsafe)' : ''}`,
          kind: CodeActionKind.QuickFix,
          diagnostics: params.context.diagnostics.filter((d) => diagnosticData(d)?.ruleId === data.ruleId),
          isPreferred: false,
          data: { kubeward: 'fix-all', uri, ruleId: data.ruleId } satisfies FixAllData,
        };
        actions.push(this.support.resolveEdit ? action : this.resolveWith(action, analysis));
      }
    }

    actions.push(...this.suppressions(analysis, suppressible));

    if (wantsFixAll && bulk.length > 0) {
      const action: CodeAction = {
        title: unsafeAllowed ? 'Fix all Kubeward problems, including unsafe fixes' : 'Fix all safely fixable Kubeward problems',
        kind: FIX_ALL_KIND,
        data: { kubeward: 'fix-all', uri } satisfies FixAllData,
      };
      actions.push(this.support.resolveEdit ? action : this.resolveWith(action, analysis));
    }
    return actions;
  }

  /**
   * Computes a whole-file fix on demand: it re-analyses the file up to ten times, which is too
   * slow to do for every cursor move on a large manifest. Other actions come back unchanged.
   */
  async resolve(action: CodeAction, token?: CancellationToken): Promise<CodeAction> {
    if (this.pin && isPinDigestData(action.data)) {
      // Never trust an edit the client sent back: the pin's edit comes only from the look-up.
      return this.pin.digest.resolve(action, action.data, token, (uri, version, edits) => this.workspaceEdit(uri, version, edits));
    }
    if (action.edit || !isFixAllData(action.data)) return action;
    const analysis = await this.diagnostics.current(action.data.uri);
    return analysis ? this.resolveWith(action, analysis) : action;
  }

  /**
   * "Disable <rule> for this line" and "Disable <rule> for <object> (annotation)", once per rule
   * and line / rule and object. Diagnostics from another version (or from a workspace scan, before
   * the open document was analysed) are skipped: their ranges may not match the text.
   */
  private suppressions(analysis: Analysis, items: readonly { diagnostic: Diagnostic; data: DiagnosticData }[]): CodeAction[] {
    const actions: CodeAction[] = [];
    const offered = new Set<string>();
    for (const { diagnostic, data } of items) {
      if (data.version !== analysis.version) continue;
      const line = diagnostic.range.start.line;
      const lineKey = `line\0${data.ruleId}\0${line}`;
      if (!offered.has(lineKey)) {
        offered.add(lineKey);
        const edits = disableForLineEdits(analysis.text, line, data.ruleId);
        if (edits.length > 0) {
          actions.push({
            title: `Disable ${data.ruleId} for this line`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred: false,
            edit: this.workspaceEdit(analysis.uri, analysis.version, toLspEdits(edits, analysis.lines)),
          });
        }
      }
      const offset = analysis.lines.offsetAt(diagnostic.range.start);
      const target = objectsAt(analysis.result, { start: offset, end: offset }).find(({ object, offset: chunk }) => object.root.span.start + chunk <= offset && offset <= object.root.span.end + chunk);
      if (!target) continue;
      const objectKey = `object\0${data.ruleId}\0${target.offset + target.object.root.span.start}`;
      if (offered.has(objectKey)) continue;
      offered.add(objectKey);
      const edits = disableForObjectEdits(analysis.text, target, data.ruleId);
      if (edits.length === 0) continue;
      actions.push({
        title: `Disable ${data.ruleId} for ${target.object.label} (annotation)`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: false,
        edit: this.workspaceEdit(analysis.uri, analysis.version, toLspEdits(edits, analysis.lines)),
      });
    }
    return actions;
  }

  private resolveWith(action: CodeAction, analysis: Analysis): CodeAction {
    const data = action.data;
    if (!isFixAllData(data)) return action;
    const result = fixAll(analysis.text, {
      settings: analysis.settings,
      unsafe: analysis.settings.fix.unsafe,
      // The document's own chunk cache: passes re-analyse only the YAML documents a fix touched.
      cache: this.diagnostics.cacheFor(analysis.uri),
      ...(data.ruleId !== undefined ? { ruleIds: new Set([data.ruleId]) } : {}),
    });
    const edit = minimalEdit(analysis.text, result.text);
    return { ...action, edit: this.workspaceEdit(analysis.uri, analysis.version, edit ? toLspEdits([edit], analysis.lines) : []) };
  }

  private workspaceEdit(uri: string, version: number, edits: readonly LspTextEdit[]): WorkspaceEdit {
    if (!this.support.documentChanges) return { changes: { [uri]: [...edits] } };
    return { documentChanges: [TextDocumentEdit.create({ uri, version }, [...edits])] };
  }
}
