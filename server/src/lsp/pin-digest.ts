import { objectsAt } from '../engine/analyze';
import { CodeActionKind, type CancellationToken, type CodeAction, type Connection, type Diagnostic, type TextEdit as LspTextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { imageAt, PIN_DIGEST_RULES, pinDigestTitle, resolvePin, RegistryResolver, type ImageTarget } from '../registry';
import { toLspEdits, type Analysis, type DiagnosticsManager } from './diagnostics';
import type { RegistrySettings, SettingsStore } from './settings';

/**
 * `CodeAction.data` of "pin image digest". It names the document version and the image's span
 * (file offsets of that version), so resolve can refuse to touch a document that has changed.
 */
export interface PinDigestData {
  readonly kubeward: 'pin-digest';
  readonly uri: string;
  readonly version: number;
  readonly start: number;
  readonly end: number;
}

export function isPinDigestData(value: unknown): value is PinDigestData {
  const data = value as Partial<PinDigestData> | null;
  return (
    typeof data === 'object' &&
    data !== null &&
    data.kubeward === 'pin-digest' &&
    typeof data.uri === 'string' &&
    typeof data.version === 'number' &&
    Number.isSafeInteger(data.start) &&
    Number.isSafeInteger(data.end) &&
    (data.start as number) >= 0 &&
    (data.end as number) >= (data.start as number)
  );
}

/** The editor's spelling of the settings, so every failure message names what to change. */
const SETTING_NAMES = {
  insecureHosts: 'the setting kubeward.registry.insecureHosts',
  useDockerConfig: 'the setting kubeward.registry.useDockerConfig',
};

function registryKey(registry: RegistrySettings): string {
  return JSON.stringify([registry.insecureHosts, registry.useDockerConfig, registry.timeoutMs]);
}

/**
 * The digest-pinning quick fix. Offering it costs nothing on the network: the title comes from
 * the analysed text. The registry is contacted only in `codeAction/resolve`, i.e. when the user
 * picks the action, and through one resolver per server (its cache and token reuse span documents).
 */
export class PinDigest {
  private readonly resolver = new RegistryResolver({ settingNames: SETTING_NAMES });
  private configured = registryKey({ insecureHosts: [], useDockerConfig: false, timeoutMs: 5000, dropTag: false });

  constructor(
    private readonly connection: Connection,
    private readonly diagnostics: DiagnosticsManager,
    private readonly settings: SettingsStore,
  ) {}

  /** The action for one diagnostic of the analysed version, or undefined when it does not apply. */
  offer(diagnostic: Diagnostic, ruleId: string, version: number, analysis: Analysis, dropTag: boolean): CodeAction | undefined {
    // A diagnostic of another version (or a scan's, version -1) has a range that may not match the text.
    if (!PIN_DIGEST_RULES.has(ruleId) || version !== analysis.version) return undefined;
    const span = { start: analysis.lines.offsetAt(diagnostic.range.start), end: analysis.lines.offsetAt(diagnostic.range.end) };
    const target = imageAt(objectsAt(analysis.result, span), span);
    if (!target) return undefined;
    const start = target.offset + target.image.span.start;
    const end = target.offset + target.image.span.end;
    return {
      title: pinDigestTitle(target.image.value, { dropTag }),
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: false,
      data: { kubeward: 'pin-digest', uri: analysis.uri, version: analysis.version, start, end } satisfies PinDigestData,
    };
  }

  /**
   * Looks the image up and returns the action with its edit, or without one (the file stays as it
   * is) after telling the user why.
   */
  async resolve(action: CodeAction, data: PinDigestData, token: CancellationToken | undefined, edit: (uri: string, version: number, edits: LspTextEdit[]) => WorkspaceEdit): Promise<CodeAction> {
    const analysis = await this.diagnostics.current(data.uri);
    if (!analysis || analysis.version !== data.version) {
      // Closed, or edited since the lightbulb: the offsets no longer describe the text.
      if (analysis) void this.connection.window.showErrorMessage('Kubeward: the document changed since the fix was offered; ask for the fix again.');
      return withoutEdit(action);
    }
    const target = this.targetAt(analysis, data);
    if (!target) return withoutEdit(action);
    const { registry } = await this.settings.get(data.uri);
    this.configure(registry);
    const controller = new AbortController();
    const subscription = token?.onCancellationRequested(() => controller.abort());
    if (token?.isCancellationRequested) controller.abort();
    let outcome;
    try {
      outcome = await resolvePin(target, this.resolver, { signal: controller.signal, dropTag: registry.dropTag });
    } finally {
      subscription?.dispose();
    }
    if (!outcome.ok) {
      // A cancelled request has nobody waiting for an explanation.
      if (outcome.kind !== 'cancelled') void this.connection.window.showErrorMessage(`Kubeward: ${outcome.message}`);
      return withoutEdit(action);
    }
    for (const notice of outcome.resolved.notices) void this.connection.window.showInformationMessage(`Kubeward: ${notice}`);
    const now = await this.diagnostics.current(data.uri);
    if (!now || now.version !== data.version) {
      void this.connection.window.showErrorMessage(`Kubeward: the document changed while ${target.image.value} was looked up; ask for the fix again.`);
      return withoutEdit(action);
    }
    return { ...action, edit: edit(data.uri, data.version, toLspEdits(outcome.edits, analysis.lines)) };
  }

  private targetAt(analysis: Analysis, data: PinDigestData): ImageTarget | undefined {
    const span = { start: data.start, end: data.end };
    const target = imageAt(objectsAt(analysis.result, span), span);
    // The data went through the client: only an image value exactly at those offsets is ours to edit.
    if (!target || target.offset + target.image.span.start !== data.start || target.offset + target.image.span.end !== data.end) return undefined;
    return target;
  }

  private configure(registry: RegistrySettings): void {
    const key = registryKey(registry);
    if (key === this.configured) return;
    this.configured = key;
    // configure() also empties the cache: a digest found over another set of hosts is not reused.
    this.resolver.configure({
      settingNames: SETTING_NAMES,
      timeoutMs: registry.timeoutMs,
      insecureHosts: registry.insecureHosts,
      useDockerConfig: registry.useDockerConfig,
    });
  }
}

function withoutEdit(action: CodeAction): CodeAction {
  const { edit: _edit, ...rest } = action;
  return rest;
}
