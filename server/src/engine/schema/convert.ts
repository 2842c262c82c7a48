import * as yaml from 'yaml';
import type { Alias, Document, Pair, YAMLMap } from 'yaml';

// The bundle reaches a CommonJS package's exports through esbuild's re-export getters; these
// are called per node, so they are read once here (the getters were ~3.5% of an open profile).
const { isAlias, isMap, isPair, isScalar, isSeq } = yaml;

/** Raised when a document's aliases or nesting would make conversion too expensive. */
export class ConversionLimit extends Error {}

export interface ConvertLimits {
  /** Alias dereferences allowed in one conversion ("billion laughs" stop here). */
  readonly aliases: number;
  /** Nodes visited, aliases expanded, in one conversion. */
  readonly nodes: number;
  readonly depth: number;
}

const DEFAULT_LIMITS: ConvertLimits = { aliases: 10_000, nodes: 500_000, depth: 200 };

/**
 * Converts a YAML node to the JSON value the API server would decode: YAML 1.1 scalars as the
 * parser resolved them, merge keys expanded (explicit keys win, then earlier merge sources),
 * null-valued fields dropped (Go decodes a JSON null as "unset"), timestamps kept as their text
 * (sigs.k8s.io/yaml does not turn them into times for untyped targets), and keys as strings.
 * Uses its own alias budget so that it never spends the one other readers share.
 */
export function toInstance(node: unknown, doc: Document.Parsed, limits: ConvertLimits = DEFAULT_LIMITS): unknown {
  let aliases = limits.aliases;
  let nodes = limits.nodes;

  // Alias.resolve searches the whole document for its anchor, so remember each answer.
  const targets = new Map<Alias, unknown>();
  const resolve = (value: unknown): unknown => {
    let current = value;
    for (let hops = 0; isAlias(current); hops++) {
      if (--aliases < 0 || hops > 64) throw new ConversionLimit('too many aliases');
      let target = targets.get(current);
      if (target === undefined) {
        target = current.resolve(doc) ?? null;
        targets.set(current, target);
      }
      current = target;
    }
    return current;
  };

  const mapInto = (target: Record<string, unknown>, map: YAMLMap, depth: number): void => {
    const merges: unknown[] = [];
    for (const item of map.items) {
      if (!isPair(item)) continue;
      if (isMergeKey(item)) {
        const sources = resolve(item.value);
        if (isSeq(sources)) merges.push(...sources.items);
        else merges.push(sources);
        continue;
      }
      const key = keyString(resolve(item.key));
      if (key === undefined || Object.prototype.hasOwnProperty.call(target, key)) continue;
      // Reserve the key even when null, so a merged value cannot fill in an explicit null.
      define(target, key, convert(item.value, depth + 1));
    }
    for (const source of merges) {
      const resolved = resolve(source);
      if (!isMap(resolved)) continue;
      const merged: Record<string, unknown> = {};
      mapInto(merged, resolved, depth + 1);
      for (const [key, value] of Object.entries(merged)) {
        if (!Object.prototype.hasOwnProperty.call(target, key)) define(target, key, value);
      }
    }
  };

  const convert = (value: unknown, depth: number): unknown => {
    if (--nodes < 0) throw new ConversionLimit('document too large');
    if (depth > limits.depth) throw new ConversionLimit('document too deep');
    const resolved = resolve(value);
    if (resolved === null || resolved === undefined) return null;
    if (isMap(resolved)) {
      const out: Record<string, unknown> = {};
      mapInto(out, resolved, depth);
      for (const key of Object.keys(out)) if (out[key] === null) delete out[key];
      return out;
    }
    if (isSeq(resolved)) return resolved.items.map((item) => convert(item, depth + 1));
    if (isScalar(resolved)) return scalarValue(resolved);
    return null;
  };

  return convert(node, 0);
}

/** An own property even for `__proto__`, as JSON.parse makes it, so a manifest cannot touch prototypes. */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

function scalarValue(node: { value: unknown; source?: string }): unknown {
  const { value } = node;
  if (value instanceof Date || value instanceof Uint8Array) return node.source ?? String(value);
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'symbol') return value.description ?? null;
  return value;
}

/** A `<<` merge key (the parser gives it a symbol value when `merge` is on). */
export function isMergeKey(pair: Pair): boolean {
  const key = pair.key;
  return isScalar(key) && (typeof key.value === 'symbol' || (key.value === '<<' && key.type === 'PLAIN'));
}

/** A map key as sigs.k8s.io/yaml writes it into JSON; undefined for keys JSON cannot hold. */
export function keyString(key: unknown): string | undefined {
  if (!isScalar(key)) return undefined;
  const value = key.value;
  if (typeof value === 'string') return value;
  if (value === null) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return key.source ?? value.toISOString();
  return undefined;
}
