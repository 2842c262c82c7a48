import * as yaml from 'yaml';
import type { DocumentOptions, ParseOptions, SchemaOptions } from 'yaml';

// The bundle reaches a CommonJS package's exports through esbuild's re-export getters; these
// are called per node, so they are read once here (the getters were ~3.5% of an open profile).
const { Document, Pair, Scalar, YAMLMap, YAMLSeq, isScalar } = yaml;
type Document = yaml.Document;
type Scalar = yaml.Scalar;
type YAMLMap = yaml.YAMLMap;
type YAMLSeq = yaml.YAMLSeq;
type Pair = yaml.Pair;

export type ChunkOptions = ParseOptions & DocumentOptions & SchemaOptions;

// yaml's node constructors mark each node with Object.defineProperty, which V8 does not inline:
// half the cost of building a tree of scalars and pairs. Nodes built here take the same mark from
// a prototype one step below yaml's classes, so `isScalar`, `instanceof`, `constructor` and every
// method behave as for yaml's own nodes (the differential test compares them).
const NODE_TYPE = Symbol.for('yaml.node.type');

function markedPrototype<T extends object>(base: { readonly prototype: T }, type: string): T {
  return Object.create(base.prototype, { [NODE_TYPE]: { value: Symbol.for(type) } }) as T;
}

const SCALAR_PROTOTYPE = markedPrototype(Scalar, 'yaml.scalar');
const PAIR_PROTOTYPE = markedPrototype(Pair, 'yaml.pair');
const MAP_PROTOTYPE = markedPrototype(YAMLMap, 'yaml.map');
const SEQ_PROTOTYPE = markedPrototype(YAMLSeq, 'yaml.seq');

function newScalar(value: unknown): Scalar {
  const node = Object.create(SCALAR_PROTOTYPE) as Scalar;
  node.value = value;
  return node;
}

function newPair(key: Node, value: Node): Pair {
  const pair = Object.create(PAIR_PROTOTYPE) as Pair;
  pair.key = key;
  pair.value = value;
  return pair;
}

function newCollection<T extends YAMLMap | YAMLSeq>(prototype: T): T {
  const collection = Object.create(prototype) as T;
  collection.items = [];
  return collection;
}

/**
 * One schema for every document parsed with the same options (yaml builds an equal one per
 * document), and collection prototypes that carry it as yaml's constructor would: not enumerable,
 * writable. Collections then need no property defined one by one.
 */
interface SharedSchema {
  readonly schema: yaml.Schema;
  readonly map: YAMLMap;
  readonly seq: YAMLSeq;
}

const sharedSchemas = new WeakMap<ChunkOptions, SharedSchema>();

function sharedSchema(options: ChunkOptions, schema: yaml.Schema): SharedSchema {
  let shared = sharedSchemas.get(options);
  if (!shared) {
    const carrying = <T extends object>(prototype: T) => Object.create(prototype, { schema: { value: schema, configurable: true, enumerable: false, writable: true } }) as T;
    shared = { schema, map: carrying(MAP_PROTOTYPE), seq: carrying(SEQ_PROTOTYPE) };
    sharedSchemas.set(options, shared);
  }
  return shared;
}

/**
 * Thrown (never as an Error: no stack to capture) the moment the text leaves the subset this
 * parser reproduces exactly; the caller then hands the chunk to `yaml`.
 */
const OUTSIDE_SUBSET = Symbol('outside the fast-path subset');

function bail(): never {
  throw OUTSIDE_SUBSET;
}

const NL = 10;
const SP = 32;
const HASH = 35;
const DQUOTE = 34;
const SQUOTE = 39;
const DASH = 45;
const COLON = 58;
const COMMA = 44;
const LBRACKET = 91;
const RBRACKET = 93;
const LBRACE = 123;
const RBRACE = 125;
const PIPE = 124;
const GT = 62;
const BACKSLASH = 92;
const QUESTION = 63;

/** Tabs, CR, BOM and other controls change how `yaml` lexes or reports; such chunks go to `yaml`. */
const UNSUPPORTED_CHARS = /[\t\r\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]/;

interface Tag {
  readonly default?: boolean | 'key';
  readonly test?: RegExp;
  readonly format?: string;
  resolve(value: string, onError: (message: string) => void, options: unknown): unknown;
}

/** yaml's own tag objects decide every plain scalar's type, so typing cannot drift from `yaml`. */
let cachedTags: readonly unknown[] = [];
const plainTags = new Map<string, Tag>();

function tagsChanged(tags: readonly unknown[]): boolean {
  if (tags.length !== cachedTags.length) return true;
  for (let i = 0; i < tags.length; i++) if (tags[i] !== cachedTags[i]) return true;
  return false;
}

const SCALAR_TAG = Symbol.for('yaml.scalar');

/**
 * First characters of the plain scalars YAML 1.1 can resolve to something other than a string
 * (null, bool, int, float — `e1` is one —, timestamp, the `<<` merge key): any other start is a string without
 * asking the tags. The differential test checks this table against the schema's tags.
 */
export const MAY_NOT_BE_STRING: readonly boolean[] = (() => {
  const table: boolean[] = [];
  for (const c of '0123456789+-.~<yYnNtTfFoOeE') table[c.charCodeAt(0)] = true;
  return table;
})();

function isFlowIndicator(c: number): boolean {
  return c === COMMA || c === LBRACKET || c === RBRACKET || c === LBRACE || c === RBRACE;
}

const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
};

type Node = Scalar | YAMLMap | YAMLSeq;

class Parser {
  private readonly n: number;
  private readonly tags: readonly Tag[];
  private readonly stringTag: Tag;
  private readonly options: unknown;
  private readonly collections: SharedSchema;

  /** First character of the next content line after the last gap, or -1 at end of text. */
  private nextPos = -1;
  private nextIndent = -1;
  /** Largest column of an own-line comment in the last gap, -1 when it had none. */
  private gapComment = -1;
  /** Where the last flow node scanned ends, trailing spaces included. */
  private pos = 0;
  private endsEmpty = false;

  constructor(
    private readonly t: string,
    doc: yaml.Document.Parsed,
    collections: SharedSchema,
  ) {
    this.n = t.length;
    const schema = doc.schema as unknown as { tags: readonly Tag[]; [SCALAR_TAG]: Tag };
    this.collections = collections;
    this.tags = schema.tags;
    this.stringTag = schema[SCALAR_TAG];
    this.options = doc.options;
    if (tagsChanged(this.tags)) {
      plainTags.clear();
      cachedTags = this.tags;
    }
  }

  parse(doc: yaml.Document.Parsed): void {
    const t = this.t;
    this.gap(0, true);
    if (this.nextPos === -1) bail();
    const docStart = this.nextPos;
    let marker = false;
    if (this.nextIndent === 0 && t.startsWith('---', docStart)) {
      marker = true;
      let i = docStart + 3;
      const c = t.charCodeAt(i);
      if (i < this.n && c !== SP && c !== NL) bail();
      while (t.charCodeAt(i) === SP) i++;
      if (t.charCodeAt(i) === HASH) {
        if (t.charCodeAt(i - 1) !== SP) bail();
        i = this.eol(i);
      }
      if (i < this.n && t.charCodeAt(i) !== NL) bail();
      this.gap(i + 1);
      if (this.nextPos === -1) bail();
    }
    if (this.nextIndent !== 0) bail();
    const p = this.nextPos;
    const root = this.isSeqIndicator(p) ? this.parseSeq(p, 0) : this.parseMap(p, 0);
    if (this.nextPos !== -1) bail();
    const range = root.range as [number, number, number];
    doc.contents = root as never;
    doc.range = [docStart, range[2], this.endsEmpty ? range[2] : this.n];
    if (marker) doc.directives.docStart = true;
  }

  private eol(i: number): number {
    const at = this.t.indexOf('\n', i);
    return at === -1 ? this.n : at;
  }

  /**
   * Skips blank and comment lines from a line start, recording where the next content is and
   * the comment columns on the way (they decide which node `yaml` would stretch over them).
   */
  private gap(from: number, atStart = false): void {
    const t = this.t;
    const n = this.n;
    let comment = -1;
    let line = from;
    for (;;) {
      if (line >= n) {
        this.nextPos = -1;
        this.nextIndent = -1;
        break;
      }
      let i = line;
      while (t.charCodeAt(i) === SP) i++;
      if (i >= n) {
        this.nextPos = -1;
        this.nextIndent = -1;
        break;
      }
      const c = t.charCodeAt(i);
      if (c === NL) {
        line = i + 1;
        continue;
      }
      if (c === HASH) {
        if (i - line > comment) comment = i - line;
        line = this.eol(i) + 1;
        continue;
      }
      if (i === line && !atStart && (c === DASH || c === 46 /* . */)) {
        // Document markers end the document: `yaml` starts another one there.
        const ch = String.fromCharCode(c);
        if (t.startsWith(ch + ch + ch, i)) {
          const after = t.charCodeAt(i + 3);
          if (i + 3 >= n || after === SP || after === NL) bail();
        }
      }
      this.nextPos = i;
      this.nextIndent = i - line;
      break;
    }
    this.gapComment = comment;
  }

  /**
   * The gap after a value's line. A comment there deeper than the next content would be glued to
   * the value (or kept by a collection) by `yaml`, changing ranges; only shallower ones are safe.
   */
  private afterValue(lineEnd: number): void {
    this.gap(lineEnd);
    if (this.gapComment >= 0 && this.gapComment > (this.nextPos === -1 ? 0 : this.nextIndent)) bail();
  }

  private isSeqIndicator(p: number): boolean {
    if (this.t.charCodeAt(p) !== DASH) return false;
    const c = this.t.charCodeAt(p + 1);
    return p + 1 >= this.n || c === SP || c === NL;
  }

  private parseMap(first: number, indent: number): YAMLMap {
    const t = this.t;
    const map = newCollection(this.collections.map);
    let p = first;
    let end: number;
    for (;;) {
      const colon = this.keyEnd(p);
      if (colon === -1) bail();
      const key = this.keyScalar(p, colon);
      if (seenKey(map, key.value)) bail();
      let q = colon + 1;
      while (t.charCodeAt(q) === SP) q++;
      const c = t.charCodeAt(q);
      let value: Node;
      if (q >= this.n || c === NL || c === HASH) {
        const lineEnd = this.eol(q);
        this.gap(lineEnd + 1);
        const next = this.nextPos;
        if (next !== -1 && this.nextIndent > indent) {
          value = this.isSeqIndicator(next) ? this.parseSeq(next, this.nextIndent) : this.parseMap(next, this.nextIndent);
        } else if (next !== -1 && this.nextIndent === indent && this.isSeqIndicator(next)) {
          value = this.parseSeq(next, indent);
        } else {
          // `yaml` moves comments around an empty value onto it and stretches its range.
          if (c === HASH || this.gapComment >= 0) bail();
          // `yaml` leaves the line breaks after a final empty value out of the document's range.
          this.endsEmpty = next === -1;
          value = this.scalar(this.tagOf('', false), '', Scalar.PLAIN, q, q, q);
        }
      } else {
        value = this.inlineValue(q, indent);
      }
      map.items.push(newPair(key, value));
      end = (value.range as [number, number, number])[2];
      if (this.nextPos === -1 || this.nextIndent < indent) break;
      if (this.nextIndent > indent || this.isSeqIndicator(this.nextPos)) bail();
      p = this.nextPos;
    }
    map.range = [first, end, end];
    return map;
  }

  private parseSeq(first: number, indent: number): YAMLSeq {
    const t = this.t;
    const seq = newCollection(this.collections.seq);
    let p = first;
    let end: number;
    for (;;) {
      let q = p + 1;
      while (t.charCodeAt(q) === SP) q++;
      const c = t.charCodeAt(q);
      if (q >= this.n || c === NL || c === HASH || this.isSeqIndicator(q)) bail();
      const item = this.keyEnd(q) !== -1 ? this.parseMap(q, indent + (q - p)) : this.inlineValue(q, indent);
      seq.items.push(item);
      end = (item.range as [number, number, number])[2];
      if (this.nextPos === -1 || this.nextIndent < indent) break;
      if (this.nextIndent > indent) bail();
      if (!this.isSeqIndicator(this.nextPos)) {
        // A compact sequence (`key:` then `- x` at the key's column) keeps comments at its column.
        if (indent > 0 && this.gapComment === indent) bail();
        break;
      }
      p = this.nextPos;
    }
    seq.range = [first, end, end];
    return seq;
  }

  /** The `:` ending an implicit key that starts at `p`, or -1 when the line there is no `key:`. */
  private keyEnd(p: number): number {
    const t = this.t;
    const c = t.charCodeAt(p);
    if (c === DQUOTE || c === SQUOTE) {
      const close = c === DQUOTE ? this.doubleQuotedEnd(p) : this.singleQuotedEnd(p);
      if (close === -1 || t.charCodeAt(close) !== COLON) return -1;
      const after = t.charCodeAt(close + 1);
      return close + 1 >= this.n || after === SP || after === NL ? close : -1;
    }
    if (!this.plainStart(p, false)) return -1;
    for (let i = p; i < this.n; i++) {
      const ch = t.charCodeAt(i);
      if (ch === NL) return -1;
      if (ch === HASH && t.charCodeAt(i - 1) === SP) return -1;
      if (ch === COLON) {
        const after = t.charCodeAt(i + 1);
        if (i + 1 >= this.n || after === SP || after === NL) return t.charCodeAt(i - 1) === SP ? -1 : i;
      }
    }
    return -1;
  }

  private keyScalar(p: number, colon: number): Scalar {
    const c = this.t.charCodeAt(p);
    if (c === DQUOTE) return this.scalar(this.stringTag, this.doubleQuoted(p, colon - 1), Scalar.QUOTE_DOUBLE, p, colon, colon);
    if (c === SQUOTE) return this.scalar(this.stringTag, this.singleQuoted(p, colon - 1), Scalar.QUOTE_SINGLE, p, colon, colon);
    const source = this.t.slice(p, colon);
    return this.scalar(this.tagOf(source, true), source, Scalar.PLAIN, p, colon, colon);
  }

  /** Whether a plain scalar may start at `p` (flow: inside `[]`/`{}`). */
  private plainStart(p: number, flow: boolean): boolean {
    const t = this.t;
    const c = t.charCodeAt(p);
    switch (c) {
      case HASH:
      case 38: // &
      case 42: // *
      case 33: // !
      case PIPE:
      case GT:
      case DQUOTE:
      case SQUOTE:
      case 37: // %
      case 64: // @
      case 96: // `
      case COMMA:
      case LBRACKET:
      case RBRACKET:
      case LBRACE:
      case RBRACE:
      case NL:
      case SP:
        return false;
      case DASH:
      case QUESTION:
      case COLON: {
        const after = t.charCodeAt(p + 1);
        return !(p + 1 >= this.n || after === SP || after === NL || (flow && isFlowIndicator(after)));
      }
      default:
        return p < this.n;
    }
  }

  /** A value written on the line of its key or `- `; sets the gap that follows it. */
  private inlineValue(q: number, parentIndent: number): Node {
    const t = this.t;
    const c = t.charCodeAt(q);
    let node: Node;
    let valueEnd: number;
    if (c === PIPE || c === GT) return this.blockScalar(q, parentIndent);
    if (c === DQUOTE || c === SQUOTE) {
      const close = c === DQUOTE ? this.doubleQuotedEnd(q) : this.singleQuotedEnd(q);
      if (close === -1) bail();
      valueEnd = close + 1;
      node =
        c === DQUOTE
          ? this.scalar(this.stringTag, this.doubleQuoted(q, close), Scalar.QUOTE_DOUBLE, q, valueEnd, valueEnd)
          : this.scalar(this.stringTag, this.singleQuoted(q, close), Scalar.QUOTE_SINGLE, q, valueEnd, valueEnd);
    } else if (c === LBRACKET || c === LBRACE) {
      node = this.flowCollection(q);
      valueEnd = (node.range as [number, number, number])[1];
    } else {
      if (!this.plainStart(q, false)) bail();
      let i = q;
      for (; i < this.n; i++) {
        const ch = t.charCodeAt(i);
        if (ch === NL) break;
        if (ch === HASH && t.charCodeAt(i - 1) === SP) break;
        if (ch === COLON) {
          const after = t.charCodeAt(i + 1);
          if (i + 1 >= this.n || after === SP || after === NL) bail();
        }
      }
      while (t.charCodeAt(i - 1) === SP) i--;
      const source = t.slice(q, i);
      node = this.scalar(this.tagOf(source, false), source, Scalar.PLAIN, q, i, i);
      valueEnd = i;
    }
    // The rest of the line: spaces and a comment, which `yaml` counts into the node's end.
    let i = valueEnd;
    while (t.charCodeAt(i) === SP) i++;
    if (i < this.n && t.charCodeAt(i) === HASH) {
      if (i === valueEnd) bail();
      i = this.eol(i);
    }
    if (i < this.n && t.charCodeAt(i) !== NL) bail();
    const lineEnd = i < this.n ? i + 1 : this.n;
    (node.range as [number, number, number])[2] = lineEnd;
    this.afterValue(lineEnd);
    return node;
  }

  /** Index of the closing quote on the same line, or -1. */
  private doubleQuotedEnd(p: number): number {
    const t = this.t;
    for (let i = p + 1; i < this.n; i++) {
      const c = t.charCodeAt(i);
      if (c === DQUOTE) return i;
      if (c === NL) return -1;
      if (c === BACKSLASH) i++;
    }
    return -1;
  }

  private singleQuotedEnd(p: number): number {
    const t = this.t;
    for (let i = p + 1; i < this.n; i++) {
      const c = t.charCodeAt(i);
      if (c === SQUOTE) {
        if (t.charCodeAt(i + 1) === SQUOTE) i++;
        else return i;
      } else if (c === NL) {
        return -1;
      }
    }
    return -1;
  }

  private doubleQuoted(p: number, close: number): string {
    const t = this.t;
    let start = p + 1;
    let i = t.indexOf('\\', start);
    if (i === -1 || i > close) return t.slice(start, close);
    let out = '';
    while (i !== -1 && i < close) {
      out += t.slice(start, i);
      const e = t[i + 1] as string;
      const simple = ESCAPES[e];
      if (simple !== undefined) {
        out += simple;
        start = i + 2;
      } else {
        const length = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
        if (length === 0) bail();
        const hex = t.slice(i + 2, i + 2 + length);
        if (i + 2 + length > close || !/^[0-9a-fA-F]+$/.test(hex)) bail();
        const code = parseInt(hex, 16);
        if (code > 0x10ffff) bail();
        out += String.fromCodePoint(code);
        start = i + 2 + length;
      }
      i = t.indexOf('\\', start);
    }
    return out + t.slice(start, close);
  }

  private singleQuoted(p: number, close: number): string {
    const body = this.t.slice(p + 1, close);
    return body.includes("''") ? body.replace(/''/g, "'") : body;
  }

  /** A one-line flow collection starting at `p`; its range ends at the closing bracket. */
  private flowCollection(p: number): YAMLMap | YAMLSeq {
    const t = this.t;
    const isMap = t.charCodeAt(p) === LBRACE;
    const close = isMap ? RBRACE : RBRACKET;
    const coll = isMap ? newCollection(this.collections.map) : newCollection(this.collections.seq);
    coll.flow = true;
    let i = p + 1;
    while (t.charCodeAt(i) === SP) i++;
    if (t.charCodeAt(i) === close) {
      coll.range = [p, i + 1, i + 1];
      return coll;
    }
    for (;;) {
      if (isMap) {
        const c = t.charCodeAt(i);
        let key: Scalar;
        let keyEnd: number;
        if (c === DQUOTE || c === SQUOTE) {
          const q = c === DQUOTE ? this.doubleQuotedEnd(i) : this.singleQuotedEnd(i);
          if (q === -1) bail();
          keyEnd = q + 1;
          key =
            c === DQUOTE
              ? this.scalar(this.stringTag, this.doubleQuoted(i, q), Scalar.QUOTE_DOUBLE, i, keyEnd, keyEnd)
              : this.scalar(this.stringTag, this.singleQuoted(i, q), Scalar.QUOTE_SINGLE, i, keyEnd, keyEnd);
        } else {
          keyEnd = this.flowPlainEnd(i);
          if (keyEnd === i) bail();
          const source = t.slice(i, keyEnd);
          key = this.scalar(this.tagOf(source, true), source, Scalar.PLAIN, i, keyEnd, keyEnd);
        }
        if (t.charCodeAt(keyEnd) !== COLON || t.charCodeAt(keyEnd + 1) !== SP) bail();
        if (seenKey(coll as YAMLMap, key.value)) bail();
        i = keyEnd + 2;
        while (t.charCodeAt(i) === SP) i++;
        const v = t.charCodeAt(i);
        if (v === COMMA || v === close) bail();
        const value = this.flowNode(i);
        (coll as YAMLMap).items.push(newPair(key, value));
      } else {
        const value = this.flowNode(i);
        if (t.charCodeAt(this.pos) === COLON) bail();
        (coll as YAMLSeq).items.push(value);
      }
      i = this.pos;
      const c = t.charCodeAt(i);
      if (c === close) break;
      if (c !== COMMA) bail();
      i++;
      while (t.charCodeAt(i) === SP) i++;
      if (t.charCodeAt(i) === close) bail();
    }
    coll.range = [p, i + 1, i + 1];
    return coll;
  }

  /** A value inside a flow collection; its range and `this.pos` take in the spaces after it. */
  private flowNode(i: number): Node {
    const t = this.t;
    const c = t.charCodeAt(i);
    let node: Node;
    let end: number;
    if (c === LBRACKET || c === LBRACE) {
      node = this.flowCollection(i);
      end = (node.range as [number, number, number])[1];
    } else if (c === DQUOTE || c === SQUOTE) {
      const q = c === DQUOTE ? this.doubleQuotedEnd(i) : this.singleQuotedEnd(i);
      if (q === -1) bail();
      end = q + 1;
      node =
        c === DQUOTE
          ? this.scalar(this.stringTag, this.doubleQuoted(i, q), Scalar.QUOTE_DOUBLE, i, end, end)
          : this.scalar(this.stringTag, this.singleQuoted(i, q), Scalar.QUOTE_SINGLE, i, end, end);
    } else {
      end = this.flowPlainEnd(i);
      if (end === i) bail();
      const source = t.slice(i, end);
      node = this.scalar(this.tagOf(source, false), source, Scalar.PLAIN, i, end, end);
    }
    let j = end;
    while (t.charCodeAt(j) === SP) j++;
    if (j > end) {
      // A plain scalar already stopped before these spaces; ranges keep them as its end.
      (node.range as [number, number, number])[2] = j;
    }
    this.pos = j;
    return node;
  }

  /** End of a plain scalar in a flow collection (trailing spaces excluded); `i` when none can start there. */
  private flowPlainEnd(i: number): number {
    const t = this.t;
    if (!this.plainStart(i, true)) return i;
    let j = i;
    for (; j < this.n; j++) {
      const c = t.charCodeAt(j);
      if (c === NL) bail();
      if (isFlowIndicator(c)) break;
      if (c === HASH && t.charCodeAt(j - 1) === SP) bail();
      if (c === COLON) {
        const after = t.charCodeAt(j + 1);
        if (j + 1 >= this.n || after === SP || after === NL || isFlowIndicator(after)) break;
      }
    }
    if (j >= this.n) bail();
    while (t.charCodeAt(j - 1) === SP) j--;
    return j;
  }

  /** `|`, `|-`, `>`, `>-` with auto-detected indentation and no more-indented folded lines. */
  private blockScalar(q: number, parentIndent: number): Scalar {
    const t = this.t;
    const n = this.n;
    const folded = t.charCodeAt(q) === GT;
    let i = q + 1;
    let strip = false;
    if (t.charCodeAt(i) === DASH) {
      strip = true;
      i++;
    }
    if (i < n && t.charCodeAt(i) !== SP && t.charCodeAt(i) !== NL) bail();
    while (t.charCodeAt(i) === SP) i++;
    if (t.charCodeAt(i) === HASH) {
      if (t.charCodeAt(i - 1) !== SP) bail();
      i = this.eol(i);
    }
    if (i >= n || t.charCodeAt(i) !== NL) bail();
    // Leading blank lines, then the first content line sets the indentation.
    let line = i + 1;
    let leadingBlank = 0;
    let indent = -1;
    while (line < n) {
      let j = line;
      while (t.charCodeAt(j) === SP) j++;
      if (j >= n) break;
      if (t.charCodeAt(j) === NL) {
        if (j - line > leadingBlank) leadingBlank = j - line;
        line = j + 1;
        continue;
      }
      indent = j - line;
      break;
    }
    if (indent <= parentIndent || leadingBlank > indent) bail();
    const firstContent = line;
    let keptEnd = -1;
    let moreIndentedBlankAtEnd = false;
    while (line < n) {
      let j = line;
      while (t.charCodeAt(j) === SP) j++;
      const spaces = j - line;
      if (j >= n || t.charCodeAt(j) === NL) {
        if (spaces > indent) {
          if (folded) bail();
          moreIndentedBlankAtEnd = true;
        }
        line = j + 1;
        continue;
      }
      if (spaces < indent) break;
      if (folded && spaces > indent) bail();
      const e = this.eol(j);
      keptEnd = e < n ? e + 1 : n;
      moreIndentedBlankAtEnd = false;
      line = e + 1;
    }
    // `yaml` keeps trailing blank lines deeper than the indentation inside the scalar.
    if (moreIndentedBlankAtEnd) bail();
    let value = '\n'.repeat(countNewlines(t, i + 1, firstContent));
    let sep = '';
    for (let ls = firstContent; ls < keptEnd; ) {
      let e = t.indexOf('\n', ls);
      if (e === -1 || e > keptEnd) e = keptEnd;
      const content = e - ls > indent ? t.slice(ls + indent, e) : '';
      if (!folded) {
        value += sep + content;
        sep = '\n';
      } else if (content === '') {
        if (sep === '\n') value += '\n';
        else sep = '\n';
      } else {
        value += sep + content;
        sep = ' ';
      }
      ls = e + 1;
    }
    if (!strip) value += '\n';
    const node = this.scalar(this.stringTag, value, folded ? Scalar.BLOCK_FOLDED : Scalar.BLOCK_LITERAL, q, keptEnd, keptEnd);
    this.afterValue(keptEnd);
    return node;
  }

  private tagOf(source: string, atKey: boolean): Tag {
    if (source.length > 0 && !MAY_NOT_BE_STRING[source.charCodeAt(0)]) return this.stringTag;
    if (atKey && source === '<<') bail();
    let tag = plainTags.get(source);
    if (tag === undefined) {
      tag = this.stringTag;
      for (const candidate of this.tags) {
        if (candidate.default === true && candidate.test?.test(source)) {
          tag = candidate;
          break;
        }
      }
      if (plainTags.size > 100_000) plainTags.clear();
      plainTags.set(source, tag);
    }
    return tag;
  }

  private scalar(tag: Tag, source: string, type: yaml.Scalar.Type, start: number, valueEnd: number, end: number): Scalar {
    let failed = false;
    const resolved = tag === this.stringTag ? source : tag.resolve(source, () => (failed = true), this.options);
    if (failed) bail();
    const node = isScalar(resolved) ? resolved : newScalar(resolved);
    node.range = [start, valueEnd, end];
    node.source = source;
    node.type = type;
    if (tag.format) node.format = tag.format;
    return node;
  }
}

const keysOfMap = new WeakMap<YAMLMap, Set<unknown>>();

/** Below this many keys a scan beats the set, whose WeakMap entry per map was a tenth of a parse. */
const SCAN_KEYS = 12;

/**
 * Records a key, or says it was seen before: `yaml` reports a key equal (===) to an earlier one as
 * a duplicate, so those are left to it. A set keeps maps with many keys linear; its one difference
 * from === (a NaN key matches itself) only sends such rare maps to `yaml`, which is always safe.
 * The scan of small maps makes the same choices as the set (SameValueZero).
 */
function seenKey(map: YAMLMap, value: unknown): boolean {
  const items = map.items;
  if (items.length < SCAN_KEYS) {
    for (const item of items) {
      const key = (item.key as { value: unknown }).value;
      if (key === value || (key !== key && value !== value)) return true;
    }
    return false;
  }
  let keys = keysOfMap.get(map);
  if (!keys) {
    keys = new Set(items.map((item) => (item.key as { value: unknown }).value));
    keysOfMap.set(map, keys);
  }
  if (keys.has(value)) return true;
  keys.add(value);
  return false;
}

function countNewlines(t: string, from: number, to: number): number {
  let count = 0;
  for (let i = t.indexOf('\n', from); i !== -1 && i < to; i = t.indexOf('\n', i + 1)) count++;
  return count;
}

type DirectivesLike = object;
let directivesClass: (new (yaml: { version: string }) => DirectivesLike) | undefined;

/** The composer hands every document a copy of its stream directives; mirror that. */
function streamDirectives(version: string): DirectivesLike {
  const Directives = (directivesClass ??= new Document(undefined, { version: '1.1' }).directives?.constructor as new (yaml: { version: string }) => DirectivesLike);
  return new Directives({ version });
}

/**
 * Parses one chunk written in the common manifest subset of YAML into the nodes `yaml` would
 * build, or returns undefined as soon as anything falls outside that subset.
 */
export function parseSubset(text: string, options: ChunkOptions): yaml.Document.Parsed[] | undefined {
  if (UNSUPPORTED_CHARS.test(text)) return undefined;
  const doc = new Document(undefined, { _directives: streamDirectives(options.version ?? '1.2'), ...options } as DocumentOptions) as yaml.Document.Parsed;
  const collections = sharedSchema(options, doc.schema);
  doc.schema = collections.schema;
  try {
    new Parser(text, doc, collections).parse(doc);
  } catch (error) {
    if (error === OUTSIDE_SUBSET) return undefined;
    throw error;
  }
  return [doc];
}
