import { isMap, isPair, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Located, MapRef, SeqRef } from './model/located';
import type { TextEdit } from './rule';
import { detectEol, endOfLine, startOfLine } from './text';

/** A scalar or a nested mapping to write. */
export type YamlValue = string | number | boolean | { readonly [key: string]: YamlValue } | readonly YamlValue[];

const PLAIN_SAFE = /^[A-Za-z_/][A-Za-z0-9_./-]*$/;
const YAML11_SPECIAL = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)$/;

/** Writes a scalar so that both YAML 1.1 and 1.2 read it back as the same value and type. */
export function formatScalar(value: string | number | boolean): string {
  if (typeof value !== 'string') return String(value);
  return PLAIN_SAFE.test(value) && !YAML11_SPECIAL.test(value) ? value : JSON.stringify(value);
}

function formatFlow(value: YamlValue): string {
  if (Array.isArray(value)) return `[${value.map(formatFlow).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value).map(([k, v]) => `${formatScalar(k)}: ${formatFlow(v)}`).join(', ')}}`;
  }
  return formatScalar(value as string | number | boolean);
}

/** Block indicators that, followed by a space, open a node on the same line. */
const BLOCK_INDICATORS = new Set(['-', '?', ':']);

/**
 * Builds minimal edits against one file's text. It is the only code that writes YAML: rules never
 * splice strings or re-serialize documents, so comments, key order and layout survive.
 */
export class Fixer {
  readonly eol: '\n' | '\r\n';
  private unit: number | undefined;

  constructor(readonly text: string) {
    this.eol = detectEol(text);
  }

  /** The file's own indentation step (2 unless the file shows another). */
  get indentUnit(): number {
    this.unit ??= detectIndentUnit(this.text);
    return this.unit;
  }

  /** Replaces the value text only; the key, spacing and trailing comment stay. */
  replaceValue(field: Located<unknown>, newText: string): TextEdit[] {
    return [{ start: field.span.start, end: field.span.end, newText }];
  }

  /** Removes a `key: value` entry or a sequence item, with its line in block style and its comma in flow style. */
  removeEntry(field: Pick<Located<unknown>, 'parent' | 'entry'>): TextEdit[] {
    const { parent, entry } = field;
    const items = parent.items as unknown[];
    const index = items.indexOf(entry);
    if (index === -1) return [];
    const [start, end] = entryBounds(entry);
    if (parent.flow) {
      const next = items[index + 1];
      if (next !== undefined) return [{ start, end: entryBounds(next)[0], newText: '' }];
      const previous = items[index - 1];
      if (previous !== undefined) return [{ start: entryBounds(previous)[1], end, newText: '' }];
      return [{ start, end, newText: '' }];
    }
    const lineStart = startOfLine(this.text, start);
    const prefix = this.text.slice(lineStart, start);
    const lineEnd = endOfLine(this.text, Math.max(start, end - 1));
    const breakEnd = this.text.startsWith('\r\n', lineEnd) ? lineEnd + 2 : this.text.startsWith('\n', lineEnd) ? lineEnd + 1 : lineEnd;
    // A block sequence item owns its `- ` line: removing only the value would leave a null item behind.
    if (/^\s*$/.test(prefix) || (!isPair(entry) && /^\s*-\s+$/.test(prefix))) {
      return [{ start: lineStart, end: breakEnd, newText: '' }];
    }
    // The entry shares its line with a `- ` (first key of a sequence item): keep the dash, pull the next key up.
    const next = items[index + 1];
    if (next !== undefined && isPair(entry)) {
      return [{ start, end: entryBounds(next)[0], newText: '' }];
    }
    return [{ start, end: lineEnd, newText: isPair(entry) ? '{}' : '' }];
  }

  /**
   * Sets `path` under `map` to `value`, creating missing parent maps in the file's own
   * indentation (or inline, inside flow style). An object value is merged into an existing map
   * key by key; an array value is appended to an existing sequence. Returns no edits when an existing value on the path is not a map, because
   * overwriting it could lose data.
   */
  setKey(map: Pick<MapRef, 'node'>, path: readonly string[], value: YamlValue): TextEdit[] {
    return this.setIn(map.node, path, value);
  }

  private setIn(node: YAMLMap, path: readonly string[], value: YamlValue): TextEdit[] {
    if (path.length === 0) return isPlainObject(value) ? this.merge(node, value) : [];
    const key = path[0] as string;
    const pair = directPair(node, key);
    if (!pair) return this.insertInto(node, path, value);
    const child = pair.value as Node | null;
    const empty = child === null || (isScalar(child) && child.value === null);
    if (path.length === 1) {
      if (isPlainObject(value)) return isMap(child) ? this.merge(child, value) : empty ? this.fillEmpty(pair, [], value) : [];
      if (empty) return this.fillEmpty(pair, [], value);
      if (Array.isArray(value)) return isSeq(child) ? this.combine(...value.map((item) => this.appendToSeq({ node: child }, item))) : [];
      if (isScalar(child) && child.range && !Array.isArray(value)) {
        return [{ start: child.range[0], end: child.range[1], newText: formatScalar(value as string | number | boolean) }];
      }
      return [];
    }
    if (isMap(child)) return this.setIn(child, path.slice(1), value);
    return empty ? this.fillEmpty(pair, path.slice(1), value) : [];
  }

  /** Sets each key of `value` in `node`; keys it lacks are inserted together, in one edit. */
  private merge(node: YAMLMap, value: { readonly [key: string]: YamlValue }): TextEdit[] {
    const edits: TextEdit[] = [];
    const missing: Record<string, YamlValue> = {};
    for (const [key, child] of Object.entries(value)) {
      if (directPair(node, key)) edits.push(...this.setIn(node, [key], child));
      else missing[key] = child;
    }
    if (Object.keys(missing).length > 0) edits.push(...this.insertInto(node, [], missing));
    return edits;
  }

  /**
   * Joins edit lists into one fix. Insertions at the same offset are concatenated in argument
   * order (a container's new keys, then the pod's new `volumes:`), so they don't count as overlaps.
   */
  combine(...lists: readonly (readonly TextEdit[])[]): TextEdit[] {
    const result: TextEdit[] = [];
    for (const edit of lists.flat()) {
      const same = result.find((other) => other.start === edit.start && other.end === edit.start && edit.end === edit.start);
      if (same) result[result.indexOf(same)] = { ...same, newText: same.newText + edit.newText };
      else result.push(edit);
    }
    return result;
  }

  /** Appends an item to a sequence, block or flow. */
  appendToSeq(seq: Pick<SeqRef, 'node'>, value: YamlValue): TextEdit[] {
    const node = seq.node;
    const items = node.items as Node[];
    const lastItem = items[items.length - 1];
    if (node.flow || !lastItem) {
      const close = (node.range?.[1] ?? 0) - 1;
      if (this.text[close] !== ']') return [];
      const lastEnd = lastItem ? entryBounds(lastItem)[1] : undefined;
      return lastEnd === undefined
        ? [{ start: close, end: close, newText: formatFlow(value) }]
        : [{ start: lastEnd, end: lastEnd, newText: `, ${formatFlow(value)}` }];
    }
    const [itemStart, itemEnd] = entryBounds(lastItem);
    // Search before the item: an item that itself starts with `-` (`- --flag`) is not its dash.
    const dashColumn = this.text.lastIndexOf('-', itemStart - 1) - startOfLine(this.text, itemStart);
    const indent = ' '.repeat(Math.max(0, dashColumn));
    const at = endOfLine(this.text, Math.max(itemStart, itemEnd - 1));
    return [{ start: at, end: at, newText: `${this.eol}${indent}- ${this.blockItem(value, dashColumn + 2)}` }];
  }

  private insertInto(map: YAMLMap, path: readonly string[], value: YamlValue): TextEdit[] {
    const nested = nest(path, value);
    const items = map.items.filter(isPair);
    const lastItem = items[items.length - 1];
    if (map.flow || !lastItem) {
      const close = (map.range?.[1] ?? 0) - 1;
      if (this.text[close] !== '}') return [];
      const inline = formatFlow(nested).slice(1, -1);
      if (!lastItem) return [{ start: close, end: close, newText: inline }];
      const lastEnd = entryBounds(lastItem)[1];
      return [{ start: lastEnd, end: lastEnd, newText: `, ${inline}` }];
    }
    const keyStart = (lastItem.key as Node).range?.[0] ?? 0;
    const at = endOfLine(this.text, Math.max(keyStart, entryBounds(lastItem)[1] - 1));
    return [{ start: at, end: at, newText: this.eol + this.blockEntries(nested as Record<string, YamlValue>, this.keyColumn(map)) }];
  }

  /**
   * The column of a block map's entries, read from the line of its last written key: where the
   * line's content starts, after any `- `, `? ` or `: ` that opens a sequence item, an explicit
   * key or its value. The key itself can stand
   * further right, after an anchor or a tag (`&a key: …`); an empty key (a line that is only `:`)
   * is placed by yaml at the end of the line before, so it is not asked.
   */
  private keyColumn(map: YAMLMap): number {
    let start = map.range?.[0] ?? 0;
    for (let i = map.items.length - 1; i >= 0; i--) {
      const item = map.items[i];
      const range = isPair(item) ? (item.key as Node | null)?.range : undefined;
      if (range && range[1] > range[0]) {
        start = range[0];
        break;
      }
    }
    const lineStart = startOfLine(this.text, start);
    let at = lineStart;
    for (;;) {
      while (this.text[at] === ' ') at++;
      if (!BLOCK_INDICATORS.has(this.text[at] ?? '') || this.text[at + 1] !== ' ') break;
      at++;
    }
    return Math.min(at, start) - lineStart;
  }

  /** Gives an empty `key:` (or `key: null`) a map value. */
  private fillEmpty(pair: Pair, rest: readonly string[], value: YamlValue): TextEdit[] {
    const nested = rest.length ? nest(rest, value) : value;
    const valueNode = pair.value as Node | null;
    const keyStart = (pair.key as Node).range?.[0] ?? 0;
    if (valueNode?.range && valueNode.range[1] > valueNode.range[0]) {
      return [{ start: valueNode.range[0], end: valueNode.range[1], newText: formatFlow(nested) }];
    }
    const column = keyStart - startOfLine(this.text, keyStart);
    const at = endOfLine(this.text, keyStart);
    if (typeof nested !== 'object' || Array.isArray(nested)) {
      const keyEnd = (pair.key as Node).range?.[1] ?? keyStart;
      const colon = this.text.indexOf(':', keyEnd);
      return [{ start: colon + 1, end: colon + 1, newText: ` ${formatFlow(nested)}` }];
    }
    return [{ start: at, end: at, newText: this.eol + this.blockEntries(nested as Record<string, YamlValue>, column + this.indentUnit) }];
  }

  /** `key: value` lines at `column`, nested maps indented by the file's unit. */
  blockEntries(value: Record<string, YamlValue>, column: number): string {
    const indent = ' '.repeat(column);
    return Object.entries(value)
      .map(([key, child]) => {
        if (child !== null && typeof child === 'object' && !Array.isArray(child) && Object.keys(child).length > 0) {
          return `${indent}${formatScalar(key)}:${this.eol}${this.blockEntries(child as Record<string, YamlValue>, column + this.indentUnit)}`;
        }
        if (Array.isArray(child) && child.length > 0) {
          const items = child.map((item) => `${indent}- ${this.blockItem(item, column + 2)}`).join(this.eol);
          return `${indent}${formatScalar(key)}:${this.eol}${items}`;
        }
        return `${indent}${formatScalar(key)}: ${formatFlow(child)}`;
      })
      .join(this.eol);
  }

  /** The text after `- ` for one sequence item whose continuation lines start at `column`. */
  private blockItem(value: YamlValue, column: number): string {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      return this.blockEntries(value as Record<string, YamlValue>, column).slice(column);
    }
    return formatFlow(value);
  }
}

function isPlainObject(value: YamlValue): value is { readonly [key: string]: YamlValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nest(path: readonly string[], value: YamlValue): YamlValue {
  return path.reduceRight<YamlValue>((inner, key) => ({ [key]: inner }), value);
}

function directPair(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((item): item is Pair => isPair(item) && isScalar(item.key) && item.key.value === key);
}

/** [start, end) of a pair (key through value) or a sequence item, excluding trailing comments. */
function entryBounds(entry: unknown): [number, number] {
  if (isPair(entry)) {
    const key = entry.key as Node | null;
    const value = entry.value as Node | null;
    const start = key?.range?.[0] ?? value?.range?.[0] ?? 0;
    const end = value?.range?.[1] ?? key?.range?.[1] ?? start;
    return [start, Math.max(end, key?.range?.[1] ?? start)];
  }
  const node = entry as Node;
  return [node.range?.[0] ?? 0, node.range?.[1] ?? 0];
}

/** The indentation step most of the file uses between a block key and its children. */
export function detectIndentUnit(text: string): number {
  const lines = text.split('\n', 400);
  for (let i = 0; i + 1 < lines.length; i++) {
    const line = lines[i] as string;
    if (!/^[A-Za-z_"'][^#]*:\s*(#.*)?\r?$/.test(line)) continue;
    const next = /^( +)(?!- |-$|#)\S/.exec(lines[i + 1] as string);
    if (next) return Math.min(8, (next[1] as string).length);
  }
  return 2;
}

