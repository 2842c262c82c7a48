import type { Document } from 'yaml';
import { parseSubset, type ChunkOptions } from './parser';

/**
 * Read once: KUBEWARD_FAST_YAML=0 sends every chunk to `yaml`, to compare or to rule the fast
 * path out when chasing a bug.
 */
let enabled = process.env['KUBEWARD_FAST_YAML'] !== '0';

/** Turns the fast path on or off (differential tests run every input both ways). */
export function setFastYaml(on: boolean): void {
  enabled = on;
}

export function fastYamlEnabled(): boolean {
  return enabled;
}

/**
 * The documents `yaml` would produce for the chunk, built directly when the chunk is in the
 * common manifest subset; undefined when the caller must parse it with `yaml`.
 */
export function parseFast(text: string, options: ChunkOptions): Document.Parsed[] | undefined {
  return enabled ? parseSubset(text, options) : undefined;
}
