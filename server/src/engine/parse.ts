import { isMap, isScalar, parseAllDocuments, visit, YAMLParseError, type Document } from 'yaml';
import { parseFast } from './fast-yaml';
import { Source } from './model/located';
import { objectsOf, type K8sObject } from './model/objects';

/** A slice of the file holding one or more YAML documents, parsed on its own. */
export interface Chunk {
  /** Offset of the chunk in the file. */
  readonly start: number;
  readonly text: string;
}

/**
 * Splits a file at document markers (`---` at column 0). YAML forbids that marker inside any
 * node, block scalars included, so every chunk parses exactly as it would inside the whole file,
 * and an edit re-parses only the chunk it touches.
 */
export function splitDocuments(text: string): Chunk[] {
  const starts = [0];
  // Runs on every keystroke over the whole file: `indexOf` finds the few `---` faster than a
  // multi-line regular expression visits every line start.
  for (let marker = text.indexOf('---'); marker !== -1; marker = text.indexOf('---', marker + 3)) {
    if (!isMarkerAt(text, marker)) continue;
    let at = marker;
    // Directives (`%YAML 1.2`) belong to the document their marker opens.
    for (;;) {
      const previousLineStart = text.lastIndexOf('\n', at - 2) + 1;
      if (at === 0 || text[previousLineStart] !== '%') break;
      at = previousLineStart;
    }
    if (at > (starts[starts.length - 1] as number)) starts.push(at);
  }
  return starts.map((start, i) => ({ start, text: text.slice(start, starts[i + 1] ?? text.length) }));
}

const isBreak = (code: number) => code === 10 || code === 13;

/** `---` at a line start (YAML breaks lines at CR, LF or both), then a space, a tab, a break or the end. */
function isMarkerAt(text: string, at: number): boolean {
  if (at > 0 && !isBreak(text.charCodeAt(at - 1))) return false;
  const next = text.charCodeAt(at + 3);
  return at + 3 >= text.length || next === 32 || next === 9 || isBreak(next);
}

/**
 * Parses a chunk as the API server's decoder reads YAML: version 1.1 scalars (`yes`/`on` are
 * booleans, `0755` is octal) and merge keys.
 */
export function parseChunk(text: string): Document.Parsed[] {
  // Most manifests are in a subset a direct parser builds the same nodes for, several times faster.
  return parseFast(text, CHUNK_OPTIONS) ?? withDuplicateKeyErrors(parseAllDocuments(text, CHUNK_OPTIONS) as Document.Parsed[]);
}

/** The objects of a chunk's documents that parse without errors: what the analysis checks. */
export function objectsOfChunk(text: string): K8sObject[] {
  let docs;
  try {
    docs = parseChunk(text);
  } catch {
    return [];
  }
  const objects: K8sObject[] = [];
  for (const doc of docs) if (doc.errors.length === 0) for (const object of objectsOf(new Source(text, doc))) objects.push(object);
  return objects;
}

/**
 * `uniqueKeys` is off because `yaml` checks each key against every earlier one, which is
 * quadratic: a 60,000-key map took 12 s. withDuplicateKeyErrors does the same check with a set.
 */
export const CHUNK_OPTIONS = Object.freeze({ version: '1.1', merge: true, prettyErrors: false, strict: false, uniqueKeys: false } as const);

/** Reports keys equal (===) to an earlier key of the same map, as `yaml`'s own check would. */
function withDuplicateKeyErrors(docs: Document.Parsed[]): Document.Parsed[] {
  for (const doc of docs) {
    visit(doc, {
      Map(_, map) {
        if (!isMap(map)) return;
        const seen = new Set<unknown>();
        for (const item of map.items) {
          const key = item.key;
          // Merge keys may repeat; collection keys are left alone, as rare as they are.
          if (!isScalar(key) || typeof key.value === 'symbol') continue;
          // A NaN key never equals itself under ===, so it cannot be a duplicate.
          if (Number.isNaN(key.value)) continue;
          if (seen.has(key.value)) {
            const range = key.range ?? [0, 0, 0];
            doc.errors.push(new YAMLParseError([range[0], range[1]], 'DUPLICATE_KEY', 'Map keys must be unique'));
          } else {
            seen.add(key.value);
          }
        }
      },
    });
  }
  return docs;
}

/** The syntax of a chart template rather than of YAML (`{{ .Values.x }}`, `{{- if }}`). */
export function looksLikeTemplate(text: string): boolean {
  return /\{\{-?\s*[.$A-Za-z/(]/.test(text);
}
