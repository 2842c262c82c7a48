import { parseAllDocuments, type Document } from 'yaml';
import { parseFast } from './fast-yaml';

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
  const marker = /^---(?=[ \t\r\n]|$)/gm;
  for (let match = marker.exec(text); match; match = marker.exec(text)) {
    let at = match.index;
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

/**
 * Parses a chunk as the API server's decoder reads YAML: version 1.1 scalars (`yes`/`on` are
 * booleans, `0755` is octal) and merge keys.
 */
export function parseChunk(text: string): Document.Parsed[] {
  // Most manifests are in a subset a direct parser builds the same nodes for, several times faster.
  return parseFast(text, CHUNK_OPTIONS) ?? (parseAllDocuments(text, CHUNK_OPTIONS) as Document.Parsed[]);
}

export const CHUNK_OPTIONS = Object.freeze({ version: '1.1', merge: true, prettyErrors: false, strict: false } as const);

/** The syntax of a chart template rather than of YAML (`{{ .Values.x }}`, `{{- if }}`). */
export function looksLikeTemplate(text: string): boolean {
  return /\{\{-?\s*[.$A-Za-z/(]/.test(text);
}
