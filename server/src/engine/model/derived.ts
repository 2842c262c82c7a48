/**
 * Values derived from a model object (a pod spec from its object, the flags of a container),
 * computed once and kept on the object itself.
 *
 * A module-level WeakMap keyed by the object would do the same, but V8's young-generation
 * collector keeps such entries alive: every syntax tree of a large file reached the old
 * generation through its pod spec, 37 MB of garbage for 2,000 Deployments and most of an open's
 * garbage collection. Kept on the object, the values die young with the tree.
 */
const DERIVED = Symbol('derived');

interface Holder {
  [DERIVED]?: Map<symbol, unknown>;
}

export function derived<T>(owner: object, key: symbol, compute: () => T): T {
  const holder = owner as Holder;
  let values = holder[DERIVED];
  if (!values) {
    values = new Map();
    // Not enumerable: models stay equal to their plain reading for tests and serialisation.
    Object.defineProperty(owner, DERIVED, { value: values });
  }
  if (values.has(key)) return values.get(key) as T;
  const value = compute();
  values.set(key, value);
  return value;
}
