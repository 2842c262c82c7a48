import { isMap } from 'yaml';
import { getMap, getString, mapItems, getSeq, type Located, type MapRef, type Source, type Span } from './located';

/** Who a finding is about, as in the JSON and SARIF output. */
export interface ResourceId {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name?: string;
  readonly namespace?: string;
}

/** A Kubernetes object found in a YAML document (or in the `items` of a `kind: List`). */
export interface K8sObject {
  readonly id: ResourceId;
  readonly root: MapRef;
  readonly apiVersion: Located<string>;
  readonly kind: Located<string>;
  readonly name?: Located<string>;
  readonly namespace?: Located<string>;
  /** `Deployment "web"`, for messages. */
  readonly label: string;
  /** Where to report findings about the object as a whole: its name, else its kind. */
  readonly anchorSpan: Span;
}

/** Reads an object from a map; YAML that lacks a string `apiVersion` and `kind` is not Kubernetes. */
export function readObject(root: MapRef): K8sObject | undefined {
  const apiVersion = getString(root, 'apiVersion');
  const kind = getString(root, 'kind');
  if (!apiVersion || !kind || !apiVersion.value || !kind.value) return undefined;
  const name = getString(root, 'metadata', 'name');
  const namespace = getString(root, 'metadata', 'namespace');
  const id: ResourceId = {
    apiVersion: apiVersion.value,
    kind: kind.value,
    ...(name ? { name: name.value } : {}),
    ...(namespace ? { namespace: namespace.value } : {}),
  };
  return {
    id,
    root,
    apiVersion,
    kind,
    ...(name ? { name } : {}),
    ...(namespace ? { namespace } : {}),
    label: name ? `${kind.value} "${name.value}"` : `${kind.value} (unnamed)`,
    anchorSpan: name?.span ?? kind.span,
  };
}

/**
 * The Kubernetes objects of one parsed document: the document itself, or the items of a
 * `kind: List` (or `*List`, as kubectl prints them).
 */
export function objectsOf(source: Source): K8sObject[] {
  const contents = source.resolve(source.doc.contents);
  if (!isMap(contents)) return [];
  const root: MapRef = { node: contents, span: { start: contents.range?.[0] ?? 0, end: contents.range?.[1] ?? 0 }, path: [], source };
  const object = readObject(root);
  if (!object) return [];
  if (/List$/.test(object.kind.value) && object.apiVersion.value === 'v1') {
    const items = getSeq(root, 'items');
    if (items) return mapItems(items).flatMap((item) => readObject(item) ?? []);
  }
  return [object];
}

/** A namespace-scoped object's namespace as written, or undefined (the user's current namespace). */
export function namespaceOf(object: K8sObject): string | undefined {
  return object.namespace?.value;
}

export { getMap };
