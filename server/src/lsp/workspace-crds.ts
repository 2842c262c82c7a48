import type { K8sObject, ResourceId } from '../engine/model/objects';
import { crdRegistry, type CrdRegistry, type CustomResourceSchema } from '../engine/schema';

/** How custom resources are matched to their schema: apiVersion and kind. */
export function resourceKey(id: Pick<ResourceId, 'apiVersion' | 'kind'>): string {
  return `${id.apiVersion}\0${id.kind}`;
}

const MARKER = 'CustomResourceDefinition';

/**
 * Keeps the engine's CRD registry in step with the workspace: the CustomResourceDefinitions of
 * open documents (their unsaved text) and of files the workspace scan read from disk. As for
 * cross-object facts, an open document wins over its file on disk, and closing it falls back to
 * the disk's (or forgets it).
 *
 * The texts are kept too, because the scan's worker threads have their own registry and are sent
 * the texts of every file that declares a CRD.
 */
export class WorkspaceCrds {
  private readonly open = new Map<string, string | undefined>();
  private readonly disk = new Map<string, string>();
  private snapshot = new Map<string, CustomResourceSchema>();
  /**
   * Called after the registry changed, with the apiVersion/kind keys (see `resourceKey`) whose
   * schema appeared, changed or went away: only documents with such resources need analysing again.
   */
  onChanged: ((keys: ReadonlySet<string>) => void) | undefined;
  private readonly unsubscribe: () => void;

  constructor(private readonly registry: CrdRegistry = crdRegistry) {
    this.unsubscribe = registry.onDidChange(() => this.changed());
  }

  /**
   * An open document was analysed: `resources` are its analysis's objects, and `objects` gives
   * them with their syntax trees (parsed again, so only asked when needed).
   */
  openAnalysed(uri: string, text: string, resources: readonly { readonly id: ResourceId }[], objects: () => Iterable<K8sObject>): void {
    // Most documents declare no CRD, and nothing under their URI is registered: skip the registry.
    const registered = this.open.has(uri) ? this.open.get(uri) !== undefined : this.disk.has(uri);
    if (!resources.some(({ id }) => id.kind === MARKER) && !registered) {
      this.open.set(uri, undefined);
      return;
    }
    const schemas = this.registry.setFromObjects(uri, objects());
    this.open.set(uri, schemas.length > 0 ? text : undefined);
  }

  /** An open document was closed: what the scan read from disk counts again, if anything. */
  openClosed(uri: string): void {
    if (!this.open.delete(uri)) return;
    const text = this.disk.get(uri);
    if (text !== undefined) this.registry.setFromText(uri, text);
    else this.registry.remove(uri);
  }

  /** The workspace scan read a file (its text), or found it gone, unreadable or not a manifest. */
  diskRead(uri: string, text: string | undefined): void {
    if (text !== undefined && text.includes(MARKER)) this.disk.set(uri, text);
    else if (!this.disk.delete(uri)) return;
    if (this.open.has(uri)) return;
    const kept = this.disk.get(uri);
    if (kept !== undefined) {
      // A file with the word but no usable CRD is not worth sending to every worker.
      if (this.registry.setFromText(uri, kept).length === 0) this.disk.delete(uri);
    } else {
      this.registry.remove(uri);
    }
  }

  /** The texts declaring CRDs, by origin, for the scan's workers: open documents' over the disk's. */
  sources(): [string, string][] {
    const out: [string, string][] = [];
    for (const [uri, text] of this.open) if (text !== undefined) out.push([uri, text]);
    for (const [uri, text] of this.disk) if (!this.open.has(uri)) out.push([uri, text]);
    return out;
  }

  dispose(): void {
    this.unsubscribe();
  }

  private changed(): void {
    const next = new Map<string, CustomResourceSchema>();
    for (const schema of this.registry.all()) {
      const key = resourceKey(schema);
      if (!next.has(key)) next.set(key, schema);
    }
    const keys = new Set<string>();
    for (const [key, schema] of next) if (this.snapshot.get(key) !== schema) keys.add(key);
    for (const key of this.snapshot.keys()) if (!next.has(key)) keys.add(key);
    this.snapshot = next;
    if (keys.size > 0) this.onChanged?.(keys);
  }
}
