import { isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import { nonOverlapping } from '../apply';
import { formatScalar, type Fixer, type YamlValue } from '../fixer';
import { findEntry, getBool, getMap, getSeq, getString, mapItems, type MapRef } from '../model/located';
import type { ContainerModel, PodSpecModel } from '../model/pod-spec';
import type { Fix, FixSettings, TextEdit } from '../rule';
import { startOfLine } from '../text';

/** What the flagged entry asks of the Secret: one key (env) or all of it (envFrom). */
interface SecretUse {
  readonly secret: string;
  readonly optional: boolean;
  /** Absent for envFrom, which needs every key. */
  readonly key?: string;
}

/** How the Secret reaches the container's filesystem, and the edits that get it there. */
interface Mounted {
  readonly mountPath: string;
  /** File name of the key inside the mount (env only). */
  readonly file?: string;
  readonly edits: TextEdit[];
}

/** DNS-1123 label, the format of volume names. */
const LABEL_MAX = 63;

/**
 * Converts a Secret passed through the environment into a read-only Secret volume.
 *
 * `entry` is the flagged item of the container's `env` (with `valueFrom.secretKeyRef`) or
 * `envFrom` (with `secretRef`) list, as `mapItems` returns it. For `env` the variable is
 * rewritten in place to `<NAME>_FILE` holding the mounted file's path, so the application can
 * still find its secret; `envFrom` mounts the whole Secret and drops the entry (and the `envFrom:`
 * key when it was the last one). A matching `secret` volume (same Secret, same `optional`) and a
 * mount of it in this container are reused.
 *
 * Returns undefined when the conversion cannot be done without guessing: the reference lacks a
 * name or key, the entry comes from a YAML merge or alias shared with other objects, another
 * variable expands `$(NAME)`, or a different `<NAME>_FILE` already exists.
 */
export function secretToVolume(container: ContainerModel, pod: PodSpecModel, entry: MapRef, fixer: Fixer, settings: FixSettings): Fix | undefined {
  const list = entry.path[entry.path.length - 2];
  const index = entry.path[entry.path.length - 1];
  if ((list !== 'env' && list !== 'envFrom') || typeof index !== 'number') return undefined;
  const listEntry = findEntry(container.map, list);
  const seq = getSeq(container.map, list);
  // Entries reached through `<<:` or an alias live in text other objects share; editing them
  // would change those objects too.
  if (!listEntry || !seq || !container.map.node.items.includes(listEntry.pair) || listEntry.pair.value !== seq.node) return undefined;
  if (seq.node.items[index] !== entry.node || seq.node.anchor || entry.node.anchor) return undefined;

  if (list === 'envFrom') {
    const ref = getMap(entry, 'secretRef');
    const secret = getString(ref, 'name')?.value;
    if (!ref || !secret) return undefined;
    const use: SecretUse = { secret, optional: getBool(ref, 'optional')?.value === true };
    const mounted = mountSecret(container, pod, use, fixer, settings);
    const removal = seq.node.items.length === 1 ? fixer.removeEntry({ parent: container.map.node, entry: listEntry.pair }) : fixer.removeEntry({ parent: seq.node, entry: entry.node });
    return finish(fixer, `Mount Secret "${secret}" as a read-only volume instead of loading it into the environment`, removal, mounted.edits);
  }

  const ref = getMap(entry, 'valueFrom', 'secretKeyRef');
  const secret = getString(ref, 'name')?.value;
  const key = getString(ref, 'key')?.value;
  const name = getString(entry, 'name');
  if (!ref || !secret || !key || !name || name.value === '') return undefined;
  // Kubernetes expands `$(NAME)` in later env values, command and args; a file path there would
  // silently change the program's input.
  const containerText = fixer.text.slice(container.map.span.start, container.map.span.end);
  if (containerText.includes(`$(${name.value})`)) return undefined;

  const mounted = mountSecret(container, pod, { secret, key, optional: getBool(ref, 'optional')?.value === true }, fixer, settings);
  const filePath = `${mounted.mountPath}/${mounted.file ?? key}`;
  const fileVar = `${name.value}_FILE`;
  const existing = mapItems(seq).find((item) => getString(item, 'name')?.value === fileVar);
  let envEdits: TextEdit[];
  if (existing) {
    // The application already has the path variable; two entries with one name would be ambiguous.
    if (getString(existing, 'value')?.value !== filePath) return undefined;
    envEdits = fixer.removeEntry({ parent: seq.node, entry: entry.node });
  } else {
    const valueFrom = findEntry(entry, 'valueFrom');
    if (!valueFrom || !entry.node.items.includes(valueFrom.pair)) return undefined;
    // Rewriting the entry in place keeps its position, its `name:` line comment and the list's style.
    envEdits = [
      ...fixer.replaceValue(name, formatScalar(fileVar)),
      { start: valueFrom.keySpan.start, end: contentEnd(fixer.text, valueFrom.pair), newText: `value: ${formatScalar(filePath)}` },
    ];
  }
  return finish(fixer, `Mount Secret "${secret}" as a read-only volume instead of the environment variable ${name.value}`, envEdits, mounted.edits);
}

/** Finds or adds the volume and the mount; edits are container first, then pod, for `combine`. */
function mountSecret(container: ContainerModel, pod: PodSpecModel, use: SecretUse, fixer: Fixer, settings: FixSettings): Mounted {
  const volumes = mapItems(pod.volumes);
  const mounts = mapItems(getSeq(container.map, 'volumeMounts'));
  const mountOf = (volume: string) =>
    mounts.find((m) => getString(m, 'name')?.value === volume && getString(m, 'mountPath') && rawValue(m, 'subPath') === undefined && rawValue(m, 'subPathExpr') === undefined);

  const candidates = volumes
    .filter((v) => getString(v, 'secret', 'secretName')?.value === use.secret && (getBool(v, 'secret', 'optional')?.value === true) === use.optional)
    .map((volume) => ({ volume, name: getString(volume, 'name')?.value, plan: itemPlan(volume, use, fixer) }))
    .filter((c): c is { volume: MapRef; name: string; plan: ItemPlan } => c.name !== undefined && c.plan !== undefined)
    // Prefer what needs no new item, then what this container already mounts.
    .sort((a, b) => a.plan.edits.length - b.plan.edits.length || Number(!mountOf(a.name)) - Number(!mountOf(b.name)));
  const reuse = candidates[0];

  let volumeName: string;
  let file: string | undefined;
  let podEdits: TextEdit[];
  if (reuse) {
    volumeName = reuse.name;
    file = reuse.plan.file;
    podEdits = reuse.plan.edits;
  } else {
    volumeName = uniqueName(volumeBase(use.secret), new Set(volumes.map((v) => getString(v, 'name')?.value ?? '')));
    file = use.key;
    const secret: Record<string, YamlValue> = { secretName: use.secret };
    if (use.optional) secret['optional'] = true;
    if (use.key !== undefined) secret['items'] = [{ key: use.key, path: use.key }];
    podEdits = fixer.setKey(pod.map, [], { volumes: [{ name: volumeName, secret }] });
  }

  const mounted = mountOf(volumeName);
  if (mounted) {
    return { mountPath: trimSlash(getString(mounted, 'mountPath')?.value ?? ''), ...(file !== undefined ? { file } : {}), edits: podEdits };
  }
  const root = trimSlash(settings.secretMountRoot) || '';
  const taken = new Set(mounts.map((m) => trimSlash(getString(m, 'mountPath')?.value ?? '')));
  const dir = /^[A-Za-z0-9._-]+$/.test(use.secret) && !/^\.\.?$/.test(use.secret) ? use.secret : volumeName;
  let mountPath = `${root}/${dir}`;
  if (taken.has(mountPath)) mountPath = `${root}/${volumeName}`;
  for (let n = 2; taken.has(mountPath); n++) mountPath = `${root}/${dir}-${n}`;
  const containerEdits = fixer.setKey(container.map, [], { volumeMounts: [{ name: volumeName, mountPath, readOnly: true }] });
  return { mountPath, ...(file !== undefined ? { file } : {}), edits: [...containerEdits, ...podEdits] };
}

interface ItemPlan {
  /** The key's file name in the volume; absent for a whole-Secret mount. */
  readonly file?: string;
  readonly edits: TextEdit[];
}

/** How an existing volume can serve `use`, or undefined when it cannot. */
function itemPlan(volume: MapRef, use: SecretUse, fixer: Fixer): ItemPlan | undefined {
  const items = getSeq(volume, 'secret', 'items');
  const itemsEntry = rawValue(volume, 'secret', 'items');
  if (itemsEntry && !items && !(isScalar(itemsEntry) && itemsEntry.value === null)) return undefined;
  const listed = mapItems(items);
  // No (or empty) items projects every key under its own name.
  if (!items || items.node.items.length === 0) return use.key === undefined ? { edits: [] } : { file: use.key, edits: [] };
  if (use.key === undefined) return undefined;
  const have = listed.find((item) => getString(item, 'key')?.value === use.key && getString(item, 'path'));
  if (have) return { file: getString(have, 'path')?.value as string, edits: [] };
  const paths = new Set(listed.map((item) => getString(item, 'path')?.value ?? ''));
  let path = use.key;
  for (let n = 2; paths.has(path); n++) path = `${use.key}-${n}`;
  const edits = fixer.appendToSeq(items, { key: use.key, path });
  return edits.length > 0 ? { file: path, edits } : undefined;
}

/** The value node at a path; null for `key:` with nothing after it, undefined when the key is absent. */
function rawValue(map: MapRef, ...keys: string[]): Node | undefined | null {
  const parent = keys.length > 1 ? getMap(map, ...keys.slice(0, -1)) : map;
  if (!parent) return undefined;
  const found = findEntry(parent, keys[keys.length - 1] as string);
  return found ? (found.value ?? null) : undefined;
}

/** A Secret name (a DNS subdomain, or anything a user typed) as a DNS-1123 label. */
export function volumeBase(secret: string): string {
  const label = secret
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .slice(0, LABEL_MAX - 3)
    .replace(/^-+|-+$/g, '');
  return label || 'secret';
}

/** `base`, or `base-2`, `base-3`… (kept within 63 characters) when a volume already has that name. */
function uniqueName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const name = `${base}-${n}`;
    if (!taken.has(name)) return name;
  }
}

function trimSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path === '/' ? '' : path;
}

/** Where a pair's written content ends: before a block value's trailing comments and line breaks. */
function contentEnd(text: string, pair: Pair): number {
  let node = pair.value as Node | null;
  while (node && (isMap(node) || isSeq(node)) && !node.flow && node.items.length > 0) {
    const last = node.items[node.items.length - 1] as unknown;
    node = (isMap(node) ? ((last as Pair).value ?? (last as Pair).key) : last) as Node | null;
  }
  const range = node?.range ?? (pair.key as Node).range;
  const start = range?.[0] ?? 0;
  let end = range?.[1] ?? 0;
  // Block scalars (`|`, `>`) own their final line break.
  while (end > start && /[\s]/.test(text[end - 1] as string)) end--;
  return end;
}

/**
 * Assembles the fix. Removing the container's last entry can swallow the point where new keys
 * are appended after it; such insertions move to the end of the line before the removed lines,
 * which is still inside the same map.
 */
function finish(fixer: Fixer, title: string, entryEdits: readonly TextEdit[], mountEdits: readonly TextEdit[]): Fix | undefined {
  const text = fixer.text;
  const deletions = entryEdits.filter((e) => e.end > e.start);
  const moved = mountEdits.map((edit) => {
    if (edit.start !== edit.end) return edit;
    const covering = deletions.find((d) => d.start < edit.start && edit.start < d.end);
    if (!covering || !edit.newText.startsWith(fixer.eol) || covering.start === 0 || startOfLine(text, covering.start) !== covering.start) return edit;
    const at = covering.start - (text.startsWith('\r\n', covering.start - 2) ? 2 : 1);
    return { ...edit, start: at, end: at };
  });
  const edits = fixer.combine(entryEdits, moved);
  if (edits.length === 0 || nonOverlapping(edits).length !== edits.length) return undefined;
  return { title, safety: 'unsafe', edits };
}
