import { MarkupKind, type Hover, type Position, type Range } from 'vscode-languageserver';
import { objectsAt, type Finding } from '../engine/analyze';
import { docsUrl } from '../engine/docs';
import type { Located, Span } from '../engine/model/located';
import { effectiveSecurityContext, readPodSpec, type ContainerModel, type EffectiveSetting, type PodSpecModel } from '../engine/model/pod-spec';
import type { Reference, RuleMeta } from '../engine/rule';
import { ruleById } from '../engine/rules';
import { fieldDocAt, schemaTarget, type FieldDocAt } from '../engine/schema';
import { parseDirectives } from '../engine/suppress';
import type { LineIndex } from '../engine/text';
import type { Analysis } from './diagnostics';
import { escapeMarkdown, inlineCode } from './markdown';

const SEPARATOR = '\n\n---\n\n';

/**
 * The hover at a position: every finding there, a container's effective security context, and
 * the schema documentation of the field under the cursor, last.
 */
export function hoverAt(analysis: Analysis, position: Position): Hover | undefined {
  const offset = analysis.lines.offsetAt(position);
  const sections: string[] = [];
  let range: Range | undefined;

  const findings = analysis.findings.filter((finding) => contains(finding.span, offset));
  for (const finding of findings) {
    sections.push(renderFinding(finding));
    range ??= analysis.lines.rangeOf(finding.span);
  }

  const directive = ruleInDirective(analysis, position);
  if (directive) {
    sections.push(renderRule(directive.meta));
    range ??= analysis.lines.rangeOf(directive.span);
  }

  const container = containerNamedAt(analysis, offset);
  if (container) {
    sections.push(renderContainer(container, analysis.lines));
    range ??= analysis.lines.rangeOf(container.nameSpan);
  }

  const field = fieldDocAt(analysis.text, offset);
  if (field) {
    sections.push(renderFieldDoc(field, isBuiltin(analysis, offset)));
    range ??= analysis.lines.rangeOf(field.span);
  }

  if (sections.length === 0) return undefined;
  return { contents: { kind: MarkupKind.Markdown, value: sections.join(SEPARATOR) }, ...(range ? { range } : {}) };
}

function contains(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end && span.start < span.end;
}

// ---------------------------------------------------------------------------------------------
// Findings

const PSS_LEVEL: Record<string, string> = { baseline: 'Baseline', restricted: 'Restricted' };

/** A finding with its rule's documentation. Rule metadata is our own markdown; the message is not. */
export function renderFinding(finding: Finding): string {
  const rule = ruleById(finding.ruleId);
  const lines: string[] = [];
  lines.push(`**${rule ? escapeMarkdown(rule.meta.title) : inlineCode(finding.ruleId)}**`);
  lines.push(`${inlineCode(finding.ruleId)} · ${finding.severity} · [Documentation](${docsUrl(finding.ruleId)})`);
  lines.push(escapeMarkdown(finding.message));
  if (rule) lines.push(...renderMeta(rule.meta, finding));
  return lines.join('\n\n');
}

/** A rule named in a `# kubeward-disable` comment: what the comment silences. */
export function renderRule(meta: RuleMeta): string {
  return [
    `**${escapeMarkdown(meta.title)}**`,
    `${inlineCode(meta.id)} · ${meta.severity} by default · [Documentation](${docsUrl(meta.id)})`,
    ...renderMeta(meta, undefined),
  ].join('\n\n');
}

function ruleInDirective(analysis: Analysis, position: Position): { meta: RuleMeta; span: Span } | undefined {
  const { lines, text } = analysis;
  // Only the hovered line is parsed: directives are line comments.
  const lineStart = lines.offsetAt({ line: position.line, character: 0 });
  const lineText = text.slice(lineStart, lines.lineContentEnd(position.line));
  const column = lines.offsetAt(position) - lineStart;
  for (const directive of parseDirectives(lineText)) {
    for (const rule of directive.rules) {
      const meta = ruleById(rule.id)?.meta;
      if (meta && rule.span.start <= column && column <= rule.span.end) return { meta, span: shift(rule.span, lineStart) };
    }
  }
  return undefined;
}

function renderMeta(meta: RuleMeta, finding: Finding | undefined): string[] {
  const out: string[] = [];
  out.push(`**Why it matters.** ${meta.docs.rationale}`);
  const standard = meta.pss
    ? `Pod Security Standards, ${PSS_LEVEL[meta.pss.level] ?? meta.pss.level} level: ${escapeMarkdown(meta.pss.control)}`
    : 'not part of the Pod Security Standards (good practice)';
  out.push(`**4C layer:** ${meta.layer} · **Standard:** ${standard}`);
  if (meta.references.length > 0) out.push(`**References:** ${meta.references.map(renderReference).join(' · ')}`);
  if (finding?.fix) {
    const safety = finding.fix.safety === 'safe' ? 'safe' : 'unsafe';
    out.push(`**Quick fix (${safety}):** ${escapeMarkdown(finding.fix.title)}.${meta.docs.fixSafety ? ` ${meta.docs.fixSafety}` : ''}`);
  } else if (!finding && meta.fix && meta.docs.fixSafety) {
    out.push(`**Quick fix:** ${meta.docs.fixSafety}`);
  } else {
    out.push(`**How to fix:** ${meta.docs.remediation}`);
  }
  return out;
}

function renderReference(reference: Reference): string {
  // A PSS reference's title already names its control.
  const text = escapeMarkdown(reference.standard === 'PSS' ? reference.title : `${reference.standard} ${reference.id}: ${reference.title}`);
  return reference.url && /^https:\/\//.test(reference.url) ? `[${text}](${reference.url})` : text;
}

// ---------------------------------------------------------------------------------------------
// Field documentation

/** Whether the object at `offset` is a built-in kind, whose schema text ships with Kubeward. */
function isBuiltin(analysis: Analysis, offset: number): boolean {
  for (const { object, offset: chunkOffset } of objectsAt(analysis.result, { start: offset, end: offset })) {
    const local = offset - chunkOffset;
    if (local < object.root.span.start || local > object.root.span.end) continue;
    return schemaTarget(object.apiVersion.value, object.kind.value)?.source === 'kubernetes';
  }
  return false;
}

/** Escapes each paragraph on its own, so a CRD's multi-paragraph description keeps its breaks. */
function escapeParagraphs(text: string): string {
  return text
    .split(/\r?\n[ \t]*\r?\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph.length > 0)
    .map(escapeMarkdown)
    .join('\n\n');
}

/**
 * The built-in schema's descriptions are ours and rendered as markdown, but they name fields like
 * `spec.os.name`, which linkifying renderers turn into links to a host; a dot between word
 * characters is escaped outside code spans and real URLs.
 */
function defuseBareDomains(text: string): string {
  return text
    .split(/(`[^`\n]*`|https?:\/\/[^\s)<>]+)/)
    .map((part, index) => (index % 2 === 1 ? part : part.replace(/(?<=\w)\.(?=\w)/g, '\\.')))
    .join('');
}

/**
 * A field's name, type, path, description and allowed values. Names and paths can come from the
 * manifest (map keys), and a CustomResourceDefinition's descriptions from any file in the
 * workspace, so only the built-in schema's descriptions are rendered as markdown.
 */
export function renderFieldDoc(doc: FieldDocAt, trustedText: boolean): string {
  const out = [`**${escapeMarkdown(doc.name)}** ${inlineCode(doc.type)}${doc.required ? ' (required)' : ''}`, inlineCode(doc.path)];
  if (doc.description) out.push(trustedText ? defuseBareDomains(doc.description) : escapeParagraphs(doc.description));
  if (doc.enum) out.push(`Allowed values: ${doc.enum.map(inlineCode).join(', ')}`);
  out.push(`_${escapeMarkdown(doc.schema)}_`);
  return out.join('\n\n');
}

// ---------------------------------------------------------------------------------------------
// Containers

export interface ContainerHit {
  readonly pod: PodSpecModel;
  readonly container: ContainerModel;
  /** Spans of the model are relative to their YAML chunk; this shifts them into the file. */
  readonly offset: number;
  readonly nameSpan: Span;
}

function shift(span: Span, by: number): Span {
  return { start: span.start + by, end: span.end + by };
}

function containerNamedAt(analysis: Analysis, offset: number): ContainerHit | undefined {
  for (const { object, offset: chunkOffset } of objectsAt(analysis.result, { start: offset, end: offset })) {
    const local = offset - chunkOffset;
    // Reading pod specs is cheap, but a file may hold thousands of objects: look inside the right one.
    if (local < object.root.span.start || local > object.root.span.end) continue;
    const pod = readPodSpec(object);
    if (!pod) continue;
    for (const container of pod.containers) {
      if (container.name && contains(container.name.span, local)) {
        return { pod, container, offset: chunkOffset, nameSpan: shift(container.name.span, chunkOffset) };
      }
    }
  }
  return undefined;
}

interface SettingRow {
  readonly key: string;
  readonly setting: EffectiveSetting<unknown>;
  /** What Kubernetes does when nothing sets it. */
  readonly fallback: string;
}

/** The security context Kubernetes will apply, and where each value comes from. */
export function renderContainer(hit: ContainerHit, lines: LineIndex): string {
  const { pod, container, offset } = hit;
  const effective = effectiveSecurityContext(pod, container);
  const rows: SettingRow[] = [
    { key: 'privileged', setting: effective.privileged, fallback: '`false`' },
    { key: 'allowPrivilegeEscalation', setting: effective.allowPrivilegeEscalation, fallback: '`true`' },
    { key: 'runAsNonRoot', setting: effective.runAsNonRoot, fallback: 'not enforced: the image decides' },
    { key: 'runAsUser', setting: effective.runAsUser, fallback: "the image's user" },
    { key: 'runAsGroup', setting: effective.runAsGroup, fallback: "the image's group" },
    { key: 'readOnlyRootFilesystem', setting: effective.readOnlyRootFilesystem, fallback: '`false`' },
    { key: 'seccompProfile.type', setting: effective.seccompProfileType, fallback: "`Unconfined`, unless the kubelet's seccomp default is on" },
    { key: 'appArmorProfile.type', setting: effective.appArmorProfileType, fallback: "the container runtime's default profile" },
    { key: 'procMount', setting: effective.procMount, fallback: '`Default`' },
    { key: 'windowsOptions.hostProcess', setting: effective.hostProcess, fallback: '`false`' },
  ];
  const where = (located: Located<unknown> | undefined) => (located ? `, line ${lines.positionAt(located.span.start + offset).line + 1}` : '');
  const items = rows.map(({ key, setting, fallback }) => {
    if (setting.source === 'default' || setting.value === undefined) return `- \`${key}\`: ${fallback} (Kubernetes default)`;
    const source = setting.source === 'container' ? `set on the container${where(setting.located)}` : `inherited from the pod spec${where(setting.located)}`;
    return `- \`${key}\`: ${inlineCode(String(setting.value))} (${source})`;
  });
  const context = container.securityContext;
  for (const [key, values] of [
    ['capabilities.add', context?.capabilitiesAdd ?? []],
    ['capabilities.drop', context?.capabilitiesDrop ?? []],
  ] as const) {
    items.push(
      values.length === 0
        ? `- \`${key}\`: none (the container runtime's default set)`
        : `- \`${key}\`: ${values.map((value) => inlineCode(value.value)).join(', ')} (set on the container${where(values[0])})`,
    );
  }
  const name = container.name?.value ?? `#${container.index + 1}`;
  return [
    `**Effective security context of ${inlineCode(name)}**`,
    escapeMarkdown(`${container.label} in ${pod.object.label}. Container settings override the pod's; the pod's apply to every container that does not set its own.`),
    items.join('\n'),
  ].join('\n\n');
}
