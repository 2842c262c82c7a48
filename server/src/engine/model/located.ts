import * as yaml from 'yaml';
import type { Document, Node, Pair, YAMLMap, YAMLSeq } from 'yaml';

// The bundle reaches a CommonJS package's exports through esbuild's re-export getters; these
// are called per node, so they are read once here (the getters were ~3.5% of an open profile).
const { isAlias, isMap, isPair, isScalar, isSeq } = yaml;

/** Half-open UTF-16 offsets into the file text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A field path from the object root: `['spec', 'containers', 0, 'image']`. */
export type FieldPath = readonly (string | number)[];

/**
 * One parsed YAML document and the budget for following its aliases. The budget bounds the work
 * any reader can be tricked into by alias bombs ("billion laughs").
 */
export class Source {
  private aliasesLeft: number;

  constructor(
    readonly text: string,
    readonly doc: Document.Parsed,
    aliasBudget = 10_000,
  ) {
    this.aliasesLeft = aliasBudget;
  }

  /** Follows aliases; `undefined` once the budget is spent or for a dangling alias. */
  resolve(node: unknown): Node | undefined {
    let current = node;
    let hops = 0;
    while (isAlias(current)) {
      if (this.aliasesLeft-- <= 0 || hops++ > 64) return undefined;
      current = current.resolve(this.doc);
    }
    return (current ?? undefined) as Node | undefined;
  }
}

/** A scalar read from the manifest, remembering where it was written. */
export interface Located<T> {
  readonly value: T;
  /** The value text only; a trailing `# comment` is outside it. */
  readonly span: Span;
  /** The key text (`hostNetwork`); for sequence items, the item itself. */
  readonly keySpan: Span;
  /** The entry's parent collection and the entry itself, for removal. */
  readonly parent: YAMLMap | YAMLSeq;
  readonly entry: Pair | Node;
  readonly path: FieldPath;
  readonly source: Source;
}

/** A mapping that exists in the text, so the fixer can add keys to it. */
export interface MapRef {
  readonly node: YAMLMap;
  readonly span: Span;
  readonly path: FieldPath;
  readonly source: Source;
  /** The `key:` that holds this map, when it is a map value (absent for sequence items and roots). */
  readonly keySpan?: Span;
}

/** A sequence that exists in the text. */
export interface SeqRef {
  readonly node: YAMLSeq;
  readonly span: Span;
  readonly path: FieldPath;
  readonly source: Source;
  readonly keySpan?: Span;
}

/** A map entry found by key, before its value's type is known. */
export interface Entry {
  readonly pair: Pair;
  readonly value: Node | undefined;
  readonly keySpan: Span;
  readonly valueSpan: Span;
  readonly path: FieldPath;
}

export function spanOf(node: Node | null | undefined): Span | undefined {
  const range = node?.range;
  return range ? { start: range[0], end: range[1] } : undefined;
}

function keyName(key: unknown): string | undefined {
  if (isScalar(key)) {
    const value = key.value;
    // With merge keys on, yaml gives `<<` a symbol value rather than the string.
    if (typeof value === 'symbol') return key.source === '<<' || value.description === '<<' ? '<<' : undefined;
    return typeof value === 'string' ? value : value === null ? undefined : String(value);
  }
  return undefined;
}

/**
 * Finds `key` in a map, honouring YAML merge keys (`<<: *defaults`) the way the API server's
 * decoder does: explicit keys win over merged ones.
 */
export function findEntry(map: MapRef, key: string): Entry | undefined {
  return findEntryIn(map.source, map.node, key, map.path, 0);
}

function findEntryIn(source: Source, node: YAMLMap, key: string, path: FieldPath, depth: number): Entry | undefined {
  let merged: Entry | undefined;
  for (const item of node.items) {
    if (!isPair(item)) continue;
    const name = keyName(item.key);
    if (name === key) {
      const value = source.resolve(item.value);
      const keyNode = item.key as Node;
      const keySpan = spanOf(keyNode) ?? { start: 0, end: 0 };
      const valueSpan = spanOf(value ?? undefined) ?? { start: keySpan.end, end: keySpan.end };
      return { pair: item, value, keySpan, valueSpan, path: [...path, key] };
    }
    if (name === '<<' && merged === undefined && depth < 8) {
      const sources = source.resolve(item.value);
      const candidates = isSeq(sources) ? sources.items.map((s) => source.resolve(s)) : [sources];
      for (const candidate of candidates) {
        if (isMap(candidate)) {
          merged = findEntryIn(source, candidate, key, path, depth + 1);
          if (merged) break;
        }
      }
    }
  }
  return merged;
}

/** All string keys of a map, merge keys expanded, in document order. */
export function keysOf(map: MapRef): string[] {
  const keys: string[] = [];
  for (const item of map.node.items) {
    if (!isPair(item)) continue;
    const name = keyName(item.key);
    if (name === undefined) continue;
    if (name === '<<') {
      const merged = map.source.resolve(item.value);
      const candidates = isSeq(merged) ? merged.items.map((s) => map.source.resolve(s)) : [merged];
      for (const candidate of candidates) {
        if (isMap(candidate)) keys.push(...keysOf({ ...map, node: candidate }));
      }
    } else {
      keys.push(name);
    }
  }
  return [...new Set(keys)];
}

function locatedScalar<T>(map: MapRef, entry: Entry, value: T): Located<T> {
  return {
    value,
    span: entry.valueSpan,
    keySpan: entry.keySpan,
    parent: map.node,
    entry: entry.pair,
    path: entry.path,
    source: map.source,
  };
}

/** Walks `keys` through nested maps; `undefined` when any step is missing or not a map. */
export function getMap(map: MapRef | undefined, ...keys: string[]): MapRef | undefined {
  let current = map;
  for (const key of keys) {
    if (!current) return undefined;
    const entry = findEntry(current, key);
    if (!entry || !isMap(entry.value)) return undefined;
    current = { node: entry.value, span: entry.valueSpan, path: entry.path, source: current.source, keySpan: entry.keySpan };
  }
  return current;
}

export function getSeq(map: MapRef | undefined, ...keys: string[]): SeqRef | undefined {
  const parent = getMap(map, ...keys.slice(0, -1));
  const last = keys[keys.length - 1];
  if (!parent || last === undefined) return undefined;
  const entry = findEntry(parent, last);
  if (!entry || !isSeq(entry.value)) return undefined;
  return { node: entry.value, span: entry.valueSpan, path: entry.path, source: parent.source, keySpan: entry.keySpan };
}

/** The raw entry at a path, whatever its type (used by rules that report wrong types or nulls). */
export function getEntry(map: MapRef | undefined, ...keys: string[]): { map: MapRef; entry: Entry } | undefined {
  const parent = getMap(map, ...keys.slice(0, -1));
  const last = keys[keys.length - 1];
  if (!parent || last === undefined) return undefined;
  const entry = findEntry(parent, last);
  return entry ? { map: parent, entry } : undefined;
}

function readScalar<T>(map: MapRef | undefined, keys: string[], accept: (v: unknown) => v is T): Located<T> | undefined {
  const found = getEntry(map, ...keys);
  if (!found || !isScalar(found.entry.value)) return undefined;
  const value = found.entry.value.value;
  return accept(value) ? locatedScalar(found.map, found.entry, value) : undefined;
}

const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
const isString = (v: unknown): v is string => typeof v === 'string';
const isInteger = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** A boolean field as the API server decodes it (YAML 1.1: `yes`/`on` are true); wrong types are absent. */
export function getBool(map: MapRef | undefined, ...keys: string[]): Located<boolean> | undefined {
  return readScalar(map, keys, isBoolean);
}

export function getString(map: MapRef | undefined, ...keys: string[]): Located<string> | undefined {
  return readScalar(map, keys, isString);
}

export function getInt(map: MapRef | undefined, ...keys: string[]): Located<number> | undefined {
  return readScalar(map, keys, isInteger);
}

/** Items of a sequence that are maps, with their index paths. */
export function mapItems(seq: SeqRef | undefined): MapRef[] {
  if (!seq) return [];
  const result: MapRef[] = [];
  seq.node.items.forEach((item, index) => {
    const node = seq.source.resolve(item);
    if (isMap(node)) {
      const span = spanOf(node) ?? seq.span;
      result.push({ node, span, path: [...seq.path, index], source: seq.source });
    }
  });
  return result;
}

/** Items of a sequence that are strings, each located. */
export function stringItems(seq: SeqRef | undefined): Located<string>[] {
  if (!seq) return [];
  const result: Located<string>[] = [];
  seq.node.items.forEach((item, index) => {
    const node = seq.source.resolve(item);
    if (isScalar(node) && typeof node.value === 'string') {
      const span = spanOf(node) ?? seq.span;
      result.push({ value: node.value, span, keySpan: span, parent: seq.node, entry: item as Node, path: [...seq.path, index], source: seq.source });
    }
  });
  return result;
}

/**
 * Every entry of a map by key, merge keys expanded as the API server merges them (explicit keys
 * win; earlier merge sources win over later ones). One pass, so maps with many keys stay linear
 * where a `findEntry` per key would not.
 */
export function entriesOf(map: MapRef | undefined): Map<string, Entry> {
  const result = new Map<string, Entry>();
  if (map) collectEntries(map, map.node, result, 0);
  return result;
}

function collectEntries(map: MapRef, node: YAMLMap, out: Map<string, Entry>, depth: number): void {
  const explicit = new Map<string, Entry>();
  for (const item of node.items) {
    if (!isPair(item)) continue;
    const name = keyName(item.key);
    if (name === undefined) continue;
    if (name === '<<') {
      if (depth >= 8) continue;
      const sources = map.source.resolve(item.value);
      const candidates = isSeq(sources) ? sources.items.map((s) => map.source.resolve(s)) : [sources];
      for (const candidate of candidates) {
        if (!isMap(candidate)) continue;
        const merged = new Map<string, Entry>();
        collectEntries(map, candidate, merged, depth + 1);
        for (const [key, value] of merged) if (!out.has(key)) out.set(key, value);
      }
      continue;
    }
    if (explicit.has(name)) continue;
    const value = map.source.resolve(item.value);
    const keySpan = spanOf(item.key as Node) ?? { start: 0, end: 0 };
    explicit.set(name, { pair: item, value, keySpan, valueSpan: spanOf(value ?? undefined) ?? { start: keySpan.end, end: keySpan.end }, path: [...map.path, name] });
  }
  for (const [key, value] of explicit) out.set(key, value);
}

/** A map's scalar entries (labels, annotations) as strings, each located on its value. */
export function stringEntries(map: MapRef | undefined): Map<string, Located<string>> {
  const result = new Map<string, Located<string>>();
  if (!map) return result;
  for (const [key, entry] of entriesOf(map)) {
    if (isScalar(entry.value) && entry.value.value !== null) result.set(key, locatedScalar(map, entry, String(entry.value.value)));
  }
  return result;
}

/** `spec.containers[0].image`, for findings and SARIF. */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

/**
 * The span of characters `from`..`to` of a scalar's value, when the source writes the value
 * verbatim (plain or simply quoted); otherwise the whole value.
 */
export function subSpan(field: Located<string>, from: number, to: number): Span {
  const written = field.source.text.slice(field.span.start, field.span.end);
  const at = written.indexOf(field.value);
  if (at === -1 || from < 0 || to > field.value.length || from >= to) return field.span;
  return { start: field.span.start + at + from, end: field.span.start + at + to };
}
