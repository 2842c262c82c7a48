import type { Fixer } from '../fixer';
import type { TextEdit } from '../rule';
import {
  findEntry, getBool, getInt, getMap, getSeq, getString, keysOf, mapItems, stringItems, subSpan,
  type FieldPath, type Located, type MapRef, type SeqRef, type Span,
} from './located';
import type { K8sObject } from './objects';
import { readPodSpec, type ContainerModel, type PodSpecModel } from './pod-spec';
import { derived } from './derived';

/** The control-plane and node binaries whose flags Kubeward reads. */
export type Component = 'kube-apiserver' | 'kube-controller-manager' | 'kube-scheduler' | 'etcd' | 'kubelet';

/** hyperkube and old images named the binaries by short aliases. */
const ALIASES: Readonly<Record<string, Component>> = {
  'kube-apiserver': 'kube-apiserver',
  apiserver: 'kube-apiserver',
  'kube-controller-manager': 'kube-controller-manager',
  'controller-manager': 'kube-controller-manager',
  'kube-scheduler': 'kube-scheduler',
  scheduler: 'kube-scheduler',
  etcd: 'etcd',
  kubelet: 'kubelet',
};

/** One `--flag` as written, with its value when it has one. */
export interface FlagOccurrence {
  readonly name: string;
  /** The value as the binary receives it; `undefined` for a bare boolean `--flag`. */
  readonly value: string | undefined;
  /** The value text alone, or the flag itself when it has no value. */
  readonly span: Span;
  /** `--flag` (without `=value`). */
  readonly flagSpan: Span;
  /** The command or args item holding the value (or the flag). */
  readonly path: FieldPath;
  /** The item written as `--flag=value`, for precise in-place edits. */
  readonly item: Located<string>;
  /** Offsets of the value inside `item.value`, when the value is inside the same item. */
  readonly valueRange?: readonly [number, number];
}

/** One element of a comma-separated list flag, located on its own characters. */
export interface ListElement {
  readonly value: string;
  readonly span: Span;
  readonly path: FieldPath;
}

/** A control-plane container and the flags it is started with. */
export interface ComponentFlags {
  readonly component: Component;
  readonly container: ContainerModel;
  readonly pod: PodSpecModel;
  /** `The kube-apiserver in Pod "kube-apiserver"`, for messages. */
  readonly label: string;
  /** Where to report a flag that is missing: the binary in `command`, else the container name. */
  readonly anchorSpan: Span;
  readonly anchorPath: FieldPath;
  readonly occurrences: readonly FlagOccurrence[];
}

/**
 * Flags whose bare form (`--flag`) means true; for these `--flag value` does not consume the next
 * item, as in pflag and Go's flag package.
 */
const BOOLEAN_FLAGS = new Set([
  'anonymous-auth', 'profiling', 'service-account-lookup', 'kubelet-https', 'allow-privileged', 'enable-bootstrap-token-auth',
  'use-service-account-credentials', 'client-cert-auth', 'peer-client-cert-auth', 'auto-tls', 'peer-auto-tls',
  'protect-kernel-defaults', 'make-iptables-util-chains', 'rotate-certificates', 'rotate-server-certificates',
  'authentication-token-webhook', 'enable-debugging-handlers', 'enable-priority-and-fairness', 'contention-profiling',
  'leader-elect', 'enable-aggregator-routing', 'audit-log-compress', 'enable-garbage-collector', 'strict-reconfig-check',
  'enable-v2', 'experimental-initial-corrupt-check', 'logtostderr', 'v', 'help', 'version',
]);

/** Flags that accumulate across repeats (pflag StringSlice and map flags). */
const LIST_FLAGS = new Set([
  'authorization-mode', 'enable-admission-plugins', 'disable-admission-plugins', 'tls-cipher-suites', 'feature-gates',
  'admission-control', 'cipher-suites', 'kubelet-preferred-address-types',
]);

export function isListFlag(name: string): boolean {
  return LIST_FLAGS.has(name);
}

function baseName(text: string): string {
  const last = text.split('/').pop() ?? text;
  return last.trim();
}

/** The image repository's last path segment, without tag, digest or `-amd64` style suffix. */
function imageBinary(image: string | undefined): string | undefined {
  if (!image) return undefined;
  const withoutDigest = image.split('@')[0] ?? image;
  const last = withoutDigest.split('/').pop() ?? withoutDigest;
  const repo = last.split(':')[0] ?? last;
  return repo.replace(/-(amd64|arm64|arm|ppc64le|s390x)$/, '');
}

function componentOf(token: string | undefined): Component | undefined {
  return token === undefined ? undefined : ALIASES[baseName(token)];
}

/**
 * The flags of one container when it runs a control-plane binary: named by its container name,
 * by `command[0]` (a path is fine), by `hyperkube <component>`, or by its image when it has no
 * command. `command` after the binary and then `args` are read in order, as the binary sees them.
 */
export function readComponent(container: ContainerModel, pod: PodSpecModel): ComponentFlags | undefined {
  const commandSeq = getSeq(container.map, 'command');
  const argsSeq = getSeq(container.map, 'args');
  const command = stringItems(commandSeq);
  const args = stringItems(argsSeq);
  let component: Component | undefined;
  let tokens: Located<string>[];
  let binary: Located<string> | undefined;
  const first = command[0];
  if (first && baseName(first.value) === 'hyperkube' && componentOf(command[1]?.value)) {
    component = componentOf(command[1]?.value);
    binary = first;
    tokens = [...command.slice(2), ...args];
  } else if (first && componentOf(first.value)) {
    component = componentOf(first.value);
    binary = first;
    tokens = [...command.slice(1), ...args];
  } else if (command.length === 0) {
    // No command: the image's entrypoint is the binary and `args` are its flags.
    component = componentOf(container.name?.value) ?? componentOf(imageBinary(container.image?.value));
    tokens = args;
  } else {
    // A wrapper (`sh -c`, a script) hides the flags; the container name alone is not enough to read them.
    return undefined;
  }
  if (!component) return undefined;
  const anchor = binary ?? undefined;
  const podLabel = pod.object.label;
  return {
    component,
    container,
    pod,
    label: `The ${component} in ${podLabel}`,
    anchorSpan: anchor?.span ?? container.anchorSpan,
    anchorPath: anchor?.path ?? [...container.map.path, 'name'],
    occurrences: parseFlags(tokens, component),
  };
}

/** Every control-plane container of a pod that runs `component`. */
// Some forty control-plane rules each look for their binary in every pod, nearly all of which
// run none: the pod's control-plane containers are read once, and most pods answer with no list.
const CONTROL_PLANE = Symbol('control-plane containers');
const NONE: readonly ComponentFlags[] = Object.freeze([]);

export function componentsOf(pod: PodSpecModel, component: Component): readonly ComponentFlags[] {
  const all = derived(pod, CONTROL_PLANE, () => {
    const found: ComponentFlags[] = [];
    for (const container of pod.containers) {
      if (container.group === 'ephemeralContainers') continue;
      const flags = readComponent(container, pod);
      if (flags) found.push(flags);
    }
    return found.length > 0 ? found : NONE;
  });
  return all === NONE ? NONE : all.filter((flags) => flags.component === component);
}

function parseFlags(tokens: readonly Located<string>[], component: Component): FlagOccurrence[] {
  const out: FlagOccurrence[] = [];
  // etcd parses with Go's flag package, which also takes `-flag`; the Kubernetes binaries use pflag, where `-x` is a shorthand.
  const prefix = component === 'etcd' ? /^--?(?=[A-Za-z])/ : /^--(?=[A-Za-z])/;
  for (let i = 0; i < tokens.length; i++) {
    const item = tokens[i] as Located<string>;
    const text = item.value.trim();
    const lead = item.value.indexOf(text);
    const dashes = prefix.exec(text);
    if (!dashes) continue;
    const body = text.slice(dashes[0].length);
    const eq = body.indexOf('=');
    const name = eq === -1 ? body : body.slice(0, eq);
    const flagStart = lead;
    const flagEnd = lead + dashes[0].length + name.length;
    const flagSpan = subSpan(item, flagStart, flagEnd);
    if (eq !== -1) {
      const from = flagEnd + 1;
      const to = lead + text.length;
      out.push({ name, value: text.slice(dashes[0].length + eq + 1), span: from < to ? subSpan(item, from, to) : flagSpan, flagSpan, path: item.path, item, valueRange: [from, to] });
      continue;
    }
    const next = tokens[i + 1];
    if (!BOOLEAN_FLAGS.has(name) && next && !next.value.trim().startsWith('-')) {
      out.push({ name, value: next.value.trim(), span: next.span, flagSpan, path: next.path, item: next });
      i++;
      continue;
    }
    out.push({ name, value: undefined, span: flagSpan, flagSpan, path: item.path, item });
  }
  return out;
}

/** The occurrence that takes effect: the last one, as for every scalar flag. */
export function flag(cf: ComponentFlags, name: string): FlagOccurrence | undefined {
  let last: FlagOccurrence | undefined;
  for (const occurrence of cf.occurrences) if (occurrence.name === name) last = occurrence;
  return last;
}

export function hasFlag(cf: ComponentFlags, name: string): boolean {
  return cf.occurrences.some((o) => o.name === name);
}

/** Go's strconv.ParseBool; a bare `--flag` is true. */
export function parseBool(value: string | undefined): boolean | undefined {
  if (value === undefined) return true;
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(value)) return false;
  return undefined;
}

/** A boolean flag's effective value: the last occurrence, else the binary's default. */
export function boolFlag(cf: ComponentFlags, name: string, defaultValue: boolean): { value: boolean; at?: FlagOccurrence } {
  const at = flag(cf, name);
  if (!at) return { value: defaultValue };
  return { value: parseBool(at.value) ?? defaultValue, at };
}

/** A flag with a non-empty value (a bare `--flag=` sets nothing). */
export function valueOf(cf: ComponentFlags, name: string): FlagOccurrence | undefined {
  const at = flag(cf, name);
  return at?.value ? at : undefined;
}

/**
 * The elements of a comma-separated list flag over all its occurrences, each located on its own
 * characters. pflag string slices append on repeat, so `--x=a --x=b` is `[a, b]`.
 */
export function listFlag(cf: ComponentFlags, name: string): ListElement[] | undefined {
  const occurrences = cf.occurrences.filter((o) => o.name === name);
  if (occurrences.length === 0) return undefined;
  const out: ListElement[] = [];
  for (const o of occurrences) {
    if (o.value === undefined) continue;
    const base = o.valueRange?.[0] ?? o.item.value.indexOf(o.value);
    let offset = 0;
    for (const part of o.value.split(',')) {
      const trimmed = part.trim();
      if (trimmed) {
        const from = base + offset + part.indexOf(trimmed);
        out.push({ value: trimmed, span: base >= 0 ? subSpan(o.item, from, from + trimmed.length) : o.span, path: o.path });
      }
      offset += part.length + 1;
    }
  }
  return out;
}

/** `--feature-gates=A=true,B=false`: the named gate's value and where it is written. */
export function featureGate(cf: ComponentFlags, gate: string): { value: boolean | undefined; span: Span; path: FieldPath } | undefined {
  let found: { value: boolean | undefined; span: Span; path: FieldPath } | undefined;
  for (const element of listFlag(cf, 'feature-gates') ?? []) {
    const eq = element.value.indexOf('=');
    if (eq === -1 || element.value.slice(0, eq).trim() !== gate) continue;
    found = { value: parseBool(element.value.slice(eq + 1).trim()), span: element.span, path: element.path };
  }
  return found;
}

/** The flag list a new `--flag=value` goes into: `args` when the flags live there, else `command`. */
function flagList(cf: ComponentFlags): { key: 'command' | 'args'; seq: SeqRef | undefined } {
  const args = getSeq(cf.container.map, 'args');
  const command = getSeq(cf.container.map, 'command');
  if (args && (!command || args.node.items.length > 0)) return { key: 'args', seq: args };
  return command ? { key: 'command', seq: command } : { key: 'args', seq: undefined };
}

/**
 * Sets a flag: rewrites the value of `--flag=value` in place, or appends `--flag=value` to the
 * list that holds the flags. Returns no edits when the written text cannot be edited exactly.
 */
export function setFlagEdits(fixer: Fixer, cf: ComponentFlags, name: string, value: string): TextEdit[] {
  const at = flag(cf, name);
  if (at) {
    if (at.value === undefined) {
      const written = fixer.text.slice(at.flagSpan.start, at.flagSpan.end);
      return written.endsWith(name) ? [{ start: at.flagSpan.start, end: at.flagSpan.end, newText: `${written}=${value}` }] : [];
    }
    const exact = fixer.text.slice(at.span.start, at.span.end) === at.value;
    return exact ? [{ start: at.span.start, end: at.span.end, newText: value }] : [];
  }
  const { key } = flagList(cf);
  return fixer.setKey(cf.container.map, [key], [`--${name}=${value}`]);
}

/**
 * A static pod manifest for examples and tests: the component's container with `flags` as
 * command items, the way kubeadm writes them.
 */
export function staticPod(component: Component, flags: readonly string[], image?: string): string {
  const lines = [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    `  name: ${component}`,
    '  namespace: kube-system',
    'spec:',
    '  hostNetwork: true',
    '  containers:',
    `  - name: ${component}`,
    `    image: ${image ?? `registry.k8s.io/${component === 'etcd' ? 'etcd:3.5.12-0' : `${component}:v1.30.2`}`}`,
    '    command:',
    `    - ${component}`,
    ...flags.map((f) => `    - ${f}`),
  ];
  return `${lines.join('\n')}\n`;
}

/** What a flag rule reports, before the engine adds rule and severity. */
interface FlagFinding {
  readonly span: Span;
  readonly path: FieldPath;
  readonly message: string;
  readonly container?: string;
  readonly fix?: { readonly title: string; readonly safety: 'safe' | 'unsafe'; readonly edits: readonly TextEdit[] };
}

function withContainer(cf: ComponentFlags, finding: Omit<FlagFinding, 'container'>): FlagFinding {
  const name = cf.container.name?.value;
  return name !== undefined ? { ...finding, container: name } : finding;
}

/** A finding on a missing flag, anchored on the binary. */
export function missingFlag(cf: ComponentFlags, message: string, fix?: FlagFinding['fix']): FlagFinding {
  return withContainer(cf, { span: cf.anchorSpan, path: cf.anchorPath, message, ...(fix && fix.edits.length > 0 ? { fix } : {}) });
}

/** A finding on a written flag value (or the bare flag). */
export function atFlag(cf: ComponentFlags, at: { span: Span; path: FieldPath }, message: string, fix?: FlagFinding['fix']): FlagFinding {
  return withContainer(cf, { span: at.span, path: at.path, message, ...(fix && fix.edits.length > 0 ? { fix } : {}) });
}

export interface BoolFlagCheck {
  readonly component: Component;
  readonly flag: string;
  /** The binary's default when the flag is absent. */
  readonly defaultValue: boolean;
  /** The value the benchmark requires. */
  readonly want: boolean;
  /** Completes "<component in Pod "x"> …": what the wrong value means. */
  readonly consequence: string;
  readonly fix?: 'safe' | 'unsafe';
}

/** A boolean flag that must be `want`: reported on the value when written, on the binary when the default is wrong. */
export function checkBoolFlag(pod: PodSpecModel, fixer: Fixer, spec: BoolFlagCheck): FlagFinding[] {
  const out: FlagFinding[] = [];
  for (const cf of componentsOf(pod, spec.component)) {
    const { value, at } = boolFlag(cf, spec.flag, spec.defaultValue);
    if (value === spec.want) continue;
    const fix = spec.fix
      ? { title: `Set --${spec.flag}=${spec.want}`, safety: spec.fix, edits: setFlagEdits(fixer, cf, spec.flag, String(spec.want)) }
      : undefined;
    if (at) out.push(atFlag(cf, at, `${cf.label} sets --${spec.flag}=${String(value)}, so it ${spec.consequence}.`, fix));
    else out.push(missingFlag(cf, `${cf.label} does not set --${spec.flag}, which defaults to ${String(spec.defaultValue)}, so it ${spec.consequence}.`, fix));
  }
  return out;
}

/** Flags that must all be set to a non-empty value; one finding per container names the missing ones. */
export function checkRequiredFlags(pod: PodSpecModel, component: Component, flags: readonly string[], consequence: string): FlagFinding[] {
  const out: FlagFinding[] = [];
  for (const cf of componentsOf(pod, component)) {
    const missing = flags.filter((name) => !valueOf(cf, name));
    if (missing.length === 0) continue;
    const names = missing.map((m) => `--${m}`);
    const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
    out.push(missingFlag(cf, `${cf.label} does not set ${list}, so ${consequence}.`));
  }
  return out;
}

/** `kubelet.config.k8s.io` KubeletConfiguration, or a container running `kubelet` with flags. */
export type KubeletSource =
  | { readonly kind: 'config'; readonly object: K8sObject }
  | { readonly kind: 'flags'; readonly cf: ComponentFlags };

export const KUBELET_CONFIG_KIND = 'KubeletConfiguration';

export function isKubeletConfig(object: K8sObject): boolean {
  return object.kind.value === KUBELET_CONFIG_KIND && object.apiVersion.value.startsWith('kubelet.config.k8s.io/');
}

export function kubeletSources(object: K8sObject): KubeletSource[] {
  if (isKubeletConfig(object)) return [{ kind: 'config', object }];
  const pod = readPodSpec(object);
  return pod ? componentsOf(pod, 'kubelet').map((cf) => ({ kind: 'flags', cf }) as const) : [];
}

export interface KubeletSetting<T> {
  /** The effective value; undefined when it cannot be known (a `--config` file decides). */
  readonly value: T | undefined;
  /** Where the value is written, when it is. */
  readonly at?: { readonly span: Span; readonly path: FieldPath };
  /** `authentication.anonymous.enabled` or `--anonymous-auth`, for messages. */
  readonly name: string;
  /** `KubeletConfiguration "x"` or `kubelet in Pod "x"`. */
  readonly label: string;
  readonly anchor: { readonly span: Span; readonly path: FieldPath };
  readonly container?: string;
}

export interface KubeletSettingSpec<T> {
  readonly flag: string;
  readonly field: readonly string[];
  /** Defaults differ: flags keep the historical ones, the v1beta1 config file has secure ones. */
  readonly flagDefault: T | undefined;
  readonly configDefault: T | undefined;
}

function kubeletAnchor(object: K8sObject): { span: Span; path: FieldPath } {
  return { span: object.kind.span, path: ['kind'] };
}

/** Reads one kubelet setting from either source. */
export function kubeletSetting<T extends boolean | string | number>(
  source: KubeletSource,
  spec: KubeletSettingSpec<T>,
  type: 'boolean' | 'string' | 'number',
): KubeletSetting<T> {
  if (source.kind === 'config') {
    const { object } = source;
    const read = type === 'boolean' ? getBool(object.root, ...spec.field) : type === 'number' ? getInt(object.root, ...spec.field) : getString(object.root, ...spec.field);
    const base = { name: spec.field.join('.'), label: object.label, anchor: kubeletAnchor(object) };
    return read ? { ...base, value: read.value as T, at: { span: read.span, path: read.path } } : { ...base, value: spec.configDefault };
  }
  const { cf } = source;
  const at = flag(cf, spec.flag);
  const base = {
    name: `--${spec.flag}`,
    label: cf.label,
    anchor: { span: cf.anchorSpan, path: cf.anchorPath },
    ...(cf.container.name ? { container: cf.container.name.value } : {}),
  };
  if (!at) {
    // With --config the file holds the setting; Kubeward cannot see it from here.
    return { ...base, value: hasFlag(cf, 'config') ? undefined : spec.flagDefault };
  }
  let value: unknown;
  if (type === 'boolean') value = parseBool(at.value);
  else if (type === 'number') value = at.value !== undefined && /^-?\d+$/.test(at.value) ? Number(at.value) : undefined;
  else value = at.value ?? '';
  return { ...base, value: value as T | undefined, at: { span: at.span, path: at.path } };
}

/** A kubelet finding placed on the written value, or on the anchor when the default applies. */
export function kubeletFinding(setting: KubeletSetting<unknown>, message: string, fix?: FlagFinding['fix']): FlagFinding {
  const where = setting.at ?? setting.anchor;
  return {
    span: where.span,
    path: where.path,
    message,
    ...(setting.container !== undefined ? { container: setting.container } : {}),
    ...(fix && fix.edits.length > 0 ? { fix } : {}),
  };
}

/** Sets a kubelet setting in its own source: the config field, or the flag. */
export function setKubeletEdits(fixer: Fixer, source: KubeletSource, spec: KubeletSettingSpec<unknown>, value: boolean | number | string): TextEdit[] {
  if (source.kind === 'config') return fixer.setKey(source.object.root, spec.field as string[], value);
  return setFlagEdits(fixer, source.cf, spec.flag, String(value));
}

/**
 * Checks a boolean kubelet setting that must be `wanted`, in a KubeletConfiguration and in pods
 * that run the kubelet with flags. `describe` words the message; `written` says whether the value
 * was written (true) or came from the default (false).
 */
export function checkKubeletBool(
  object: K8sObject,
  fixer: Fixer,
  spec: KubeletSettingSpec<boolean>,
  wanted: boolean,
  safety: 'safe' | 'unsafe',
  describe: (setting: KubeletSetting<boolean>, written: boolean) => string,
): FlagFinding[] {
  return kubeletSources(object).flatMap((source) => {
    const setting = kubeletSetting(source, spec, 'boolean');
    if (setting.value === undefined || setting.value === wanted) return [];
    const fix = { title: `Set ${setting.name} to ${wanted}`, safety, edits: setKubeletEdits(fixer, source, spec, wanted) };
    return [kubeletFinding(setting, describe(setting, setting.at !== undefined), fix)];
  });
}

/** Checks that a component's `--bind-address` is a loopback address (it defaults to 0.0.0.0). */
export function checkBindAddress(pod: PodSpecModel, fixer: Fixer, component: Component): FlagFinding[] {
  return componentsOf(pod, component).flatMap((cf) => {
    const at = valueOf(cf, 'bind-address');
    if (at?.value && isLoopback(at.value)) return [];
    const fix = { title: 'Set --bind-address=127.0.0.1', safety: 'unsafe' as const, edits: setFlagEdits(fixer, cf, 'bind-address', '127.0.0.1') };
    return [
      at
        ? atFlag(cf, at, `${cf.label} listens on ${at.value}, beyond localhost.`, fix)
        : missingFlag(cf, `${cf.label} does not set --bind-address, which defaults to 0.0.0.0, so it listens on every interface.`, fix),
    ];
  });
}

/** A KubeletConfiguration for examples: `body` is YAML at column 0. */
export function kubeletConfig(body: string): string {
  return `apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n${body}`;
}

/** kube-apiserver's default-on admission plugins (v1.30), which `--disable-admission-plugins` can turn off. */
const DEFAULT_ADMISSION = new Set([
  'NamespaceLifecycle', 'LimitRanger', 'ServiceAccount', 'TaintNodesByCondition', 'PodSecurity', 'Priority',
  'DefaultTolerationSeconds', 'DefaultStorageClass', 'StorageObjectInUseProtection', 'PersistentVolumeClaimResize',
  'RuntimeClass', 'CertificateApproval', 'CertificateSigning', 'ClusterTrustBundleAttest', 'CertificateSubjectRestriction',
  'DefaultIngressClass', 'MutatingAdmissionWebhook', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionWebhook', 'ResourceQuota',
]);

export interface PluginState {
  readonly on: boolean;
  /** The list element that turns it on, or off. */
  readonly at?: ListElement;
  /** The list flag a missing plugin belongs in, when it is written. */
  readonly list?: FlagOccurrence;
}

/**
 * Whether an admission plugin runs: the legacy `--admission-control` replaces the whole list;
 * otherwise a default-on plugin runs unless disabled, any other only when enabled.
 */
export function admissionPlugin(cf: ComponentFlags, plugin: string): PluginState {
  const legacy = listFlag(cf, 'admission-control');
  if (legacy) {
    const at = legacy.find((e) => e.value === plugin);
    const list = flag(cf, 'admission-control');
    return { on: at !== undefined, ...(at ? { at } : {}), ...(list ? { list } : {}) };
  }
  const disabled = (listFlag(cf, 'disable-admission-plugins') ?? []).find((e) => e.value === plugin);
  if (disabled) return { on: false, at: disabled };
  const enabled = (listFlag(cf, 'enable-admission-plugins') ?? []).find((e) => e.value === plugin);
  const list = flag(cf, 'enable-admission-plugins');
  if (enabled) return { on: true, at: enabled };
  return { on: DEFAULT_ADMISSION.has(plugin), ...(list ? { list } : {}) };
}

/** Appends `item` to a comma-separated list flag, or adds the flag with `item` alone. */
export function appendToListEdits(fixer: Fixer, cf: ComponentFlags, name: string, item: string): TextEdit[] {
  const at = flag(cf, name);
  if (!at) return setFlagEdits(fixer, cf, name, item);
  if (at.value === undefined || fixer.text.slice(at.span.start, at.span.end) !== at.value) return [];
  return [{ start: at.span.end, end: at.span.end, newText: at.value === '' ? item : `,${item}` }];
}

/** An admission plugin the benchmark wants on: reported on the plugin list when written, else on the binary. */
export function checkPluginEnabled(pod: PodSpecModel, fixer: Fixer, plugin: string, consequence: string, fix?: 'safe' | 'unsafe'): FlagFinding[] {
  const out: FlagFinding[] = [];
  for (const cf of componentsOf(pod, 'kube-apiserver')) {
    const state = admissionPlugin(cf, plugin);
    if (state.on) continue;
    const listName = hasFlag(cf, 'admission-control') ? 'admission-control' : 'enable-admission-plugins';
    const edits = fix && !(state.at && !hasFlag(cf, 'admission-control')) ? appendToListEdits(fixer, cf, listName, plugin) : [];
    const repair = fix ? { title: `Add ${plugin} to --${listName}`, safety: fix, edits } : undefined;
    if (state.at) out.push(atFlag(cf, state.at, `${cf.label} disables the ${plugin} admission plugin, so ${consequence}.`));
    else if (state.list) out.push(atFlag(cf, state.list, `${cf.label} does not enable the ${plugin} admission plugin, so ${consequence}.`, repair));
    else out.push(missingFlag(cf, `${cf.label} does not enable the ${plugin} admission plugin, so ${consequence}.`, repair));
  }
  return out;
}

/** The suites CIS 1.2.29 accepts: AEAD ciphers with forward secrecy (and the fixed TLS 1.3 suites). */
export const STRONG_CIPHERS: ReadonlySet<string> = new Set([
  'TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256', 'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384', 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305',
  'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256', 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305', 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
]);

/**
 * A suite outside the strong list: CBC-mode, RC4, 3DES and static-RSA (`TLS_RSA_*`) suites, and
 * names Go does not know, which stop the binary from starting.
 */
export function isWeakCipher(name: string): boolean {
  return !STRONG_CIPHERS.has(name);
}

/** `127.0.0.1`, `::1` and `localhost`: addresses only the node itself can reach. */
export function isLoopback(address: string): boolean {
  return /^127\.\d+\.\d+\.\d+$/.test(address) || address === '::1' || address === 'localhost';
}

/** One `resources[]` entry of an EncryptionConfiguration. */
export interface EncryptionEntry {
  readonly map: MapRef;
  readonly resources: readonly Located<string>[];
  /** Provider names in order (`identity`, `aescbc`, `kms`, …), each located on its key. */
  readonly providers: readonly { readonly name: string; readonly keySpan: Span; readonly path: FieldPath; readonly map: MapRef; readonly kmsVersion?: string }[];
}

export function isEncryptionConfig(object: K8sObject): boolean {
  return object.kind.value === 'EncryptionConfiguration' && object.apiVersion.value.startsWith('apiserver.config.k8s.io/');
}

export function encryptionEntries(object: K8sObject): EncryptionEntry[] {
  return mapItems(getSeq(object.root, 'resources')).map((map) => {
    const providers = mapItems(getSeq(map, 'providers')).flatMap((item) => {
      const name = keysOf(item)[0];
      if (name === undefined) return [];
      const inner = getMap(item, name);
      const key = findEntry(item, name);
      const kmsVersion = name === 'kms' ? getString(inner, 'apiVersion')?.value ?? 'v1' : undefined;
      return [{ name, keySpan: key?.keySpan ?? item.span, path: [...item.path, name], map: item, ...(kmsVersion ? { kmsVersion } : {}) }];
    });
    return { map, resources: stringItems(getSeq(map, 'resources')), providers };
  });
}

/** Whether a `resources` list entry covers Secrets: `secrets`, `*.` (all core resources) or `*.*`. */
export function coversSecrets(resource: string): boolean {
  return resource === 'secrets' || resource === '*.' || resource === '*.*';
}

/** The entry that decides how Secrets are stored: the first whose resources cover them. */
export function secretsEntry(object: K8sObject): EncryptionEntry | undefined {
  return encryptionEntries(object).find((entry) => entry.resources.some((r) => coversSecrets(r.value)));
}

/** An EncryptionConfiguration for examples: `providers` is YAML for the list items at column 0. */
export function encryptionConfig(resources: string, providers: string): string {
  const indented = providers.trimEnd().split('\n').map((line) => `      ${line}`).join('\n');
  return `apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\nresources:\n  - resources: [${resources}]\n    providers:\n${indented}\n`;
}
