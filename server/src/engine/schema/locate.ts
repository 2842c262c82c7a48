import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Span } from '../model/located';
import { isMergeKey, keyString } from './convert';

/** Where a field of the converted instance was written. */
export interface Location {
  /** The key text; for sequence items and the root, the value's first line or the value. */
  readonly keySpan: Span;
  readonly valueSpan: Span;
  /** The map holding the key, and the pair, when the last step was a map key. */
  readonly map?: YAMLMap;
  readonly pair?: Pair;
  /** The pair is written in `map` itself rather than brought in by a merge key. */
  readonly direct: boolean;
  /** The value node (aliases resolved). */
  readonly node: Node | undefined;
  /** How many path segments were found; less than the path length when the text lacks the rest. */
  readonly depth: number;
}

function spanOf(node: { range?: [number, number, number] | null } | null | undefined): Span | undefined {
  const range = node?.range;
  return range ? { start: range[0], end: range[1] } : undefined;
}

function resolve(doc: Document.Parsed, value: unknown): Node | undefined {
  let current = value;
  for (let hops = 0; isAlias(current) && hops < 64; hops++) current = current.resolve(doc);
  return isAlias(current) ? undefined : ((current ?? undefined) as Node | undefined);
}

/** The pair for `key`, explicit keys first, then merge sources in order (as the converter reads them). */
function findPair(doc: Document.Parsed, map: YAMLMap, key: string, depth = 0): { pair: Pair; direct: boolean } | undefined {
  const merges: unknown[] = [];
  for (const item of map.items) {
    if (!isPair(item)) continue;
    if (isMergeKey(item)) {
      const sources = resolve(doc, item.value);
      if (isSeq(sources)) merges.push(...sources.items);
      else merges.push(sources);
    } else if (keyString(resolve(doc, item.key)) === key) {
      return { pair: item, direct: true };
    }
  }
  if (depth > 8) return undefined;
  for (const source of merges) {
    const merged = resolve(doc, source);
    if (isMap(merged)) {
      const found = findPair(doc, merged, key, depth + 1);
      if (found) return { pair: found.pair, direct: false };
    }
  }
  return undefined;
}

/**
 * Follows a path of the converted instance back to the YAML text. Stops at the deepest segment
 * the text has, so a caller always gets a span to report on.
 */
export function locate(doc: Document.Parsed, root: Node, rootSpan: Span, path: readonly (string | number)[]): Location {
  let location: Location = { keySpan: rootSpan, valueSpan: rootSpan, direct: true, node: root, depth: 0 };
  let node: Node | undefined = root;
  for (const [index, segment] of path.entries()) {
    if (isMap(node) && typeof segment === 'string') {
      const found = findPair(doc, node, segment);
      if (!found) break;
      const value = resolve(doc, found.pair.value);
      const keySpan = spanOf(found.pair.key as Node) ?? location.keySpan;
      const valueSpan = spanOf(value) ?? spanOf(found.pair.value as Node) ?? { start: keySpan.end, end: keySpan.end };
      location = { keySpan, valueSpan, map: node, pair: found.pair, direct: found.direct, node: value, depth: index + 1 };
      node = value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = resolve(doc, node.items[segment]);
      if (item === undefined) break;
      const valueSpan = spanOf(item) ?? location.valueSpan;
      location = { keySpan: firstKeySpan(doc, item) ?? valueSpan, valueSpan, direct: true, node: item, depth: index + 1 };
      node = item;
    } else {
      break;
    }
  }
  return location;
}

/** A map item's first key (`name` of `- name: app`), which marks the item without spanning lines. */
function firstKeySpan(doc: Document.Parsed, node: Node): Span | undefined {
  if (!isMap(node)) return undefined;
  for (const item of node.items) {
    if (isPair(item) && !isMergeKey(item)) return spanOf(resolve(doc, item.key) ?? null);
  }
  return undefined;
}

/** Whether a scalar was written as a plain (unquoted) value: YAML 1.1 turns some of those into booleans. */
export function plainSource(node: Node | undefined): string | undefined {
  return isScalar(node) && node.type === 'PLAIN' && typeof node.source === 'string' ? node.source : undefined;
}
