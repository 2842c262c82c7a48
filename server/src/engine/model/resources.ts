import { isScalar } from 'yaml';
import { getEntry, getMap, type MapRef, type Span, type FieldPath } from './located';

export type ResourceName = 'cpu' | 'memory';
export type ResourceKind = 'limits' | 'requests';

/** One `resources.<kind>.<name>` entry as written. */
export interface QuantityField {
  readonly text: string;
  readonly span: Span;
  readonly path: FieldPath;
  /** `0`, `0m`, `0Mi`: for limits the same as no limit, for requests the same as none. */
  readonly zero: boolean;
}

/** A quantity under `resources.<kind>.<name>` of a container or pod spec map; null and non-scalars are absent. */
export function readQuantity(owner: MapRef | undefined, kind: ResourceKind, name: ResourceName): QuantityField | undefined {
  const found = getEntry(owner, 'resources', kind, name);
  const node = found?.entry.value;
  if (!found || !isScalar(node) || node.value === null || node.value === '') return undefined;
  const text = String(node.value).trim();
  return { text, span: found.entry.valueSpan, path: found.entry.path, zero: /^[+]?[0-9.]/.test(text) && Number.parseFloat(text) === 0 };
}

/** The `resources.<kind>` map of a container or pod, for anchoring findings about missing entries. */
export function resourceMap(owner: MapRef | undefined, kind: ResourceKind): MapRef | undefined {
  return getMap(owner, 'resources', kind);
}
