// The workspace view: facts about objects in other files that cross-object rules and Pod Security
// levels depend on. Pure data, no I/O: the LSP and the CLI decide which files make up a workspace.
import { getMap, getSeq, getString, mapItems, stringEntries, stringItems, type MapRef } from './model/located';
import type { K8sObject } from './model/objects';
import { readPodSpec } from './model/pod-spec';
import { objectsOfChunk, splitDocuments } from './parse';
import type { PssLevel } from './rule';

/** Objects in a file without `metadata.namespace` land in `default` when applied as they are. */
export const DEFAULT_NAMESPACE = 'default';

export const ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';

export type EnforceLevel = 'privileged' | 'baseline' | 'restricted';

export interface LabelExpression {
  readonly key: string;
  readonly operator: string;
  readonly values: readonly string[];
}

/** A label selector; `{}` selects everything. */
export interface SelectorFacts {
  readonly matchLabels: Readonly<Record<string, string>>;
  readonly matchExpressions: readonly LabelExpression[];
}

export interface NamespaceFacts {
  readonly name: string;
  /** The `pod-security.kubernetes.io/enforce` label, when it holds a known level. */
  readonly enforce?: EnforceLevel;
}

export interface PolicyFacts {
  readonly namespace: string;
  readonly name: string;
  readonly podSelector: SelectorFacts;
  readonly policyTypes: readonly string[];
}

export interface ServiceAccountFacts {
  readonly namespace: string;
  readonly name: string;
}

export interface WorkloadFacts {
  readonly namespace: string;
  readonly kind: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly serviceAccountName?: string;
}

/** What one file contributes to the workspace. */
export interface FileFacts {
  readonly namespaces: readonly NamespaceFacts[];
  readonly policies: readonly PolicyFacts[];
  readonly serviceAccounts: readonly ServiceAccountFacts[];
  /** Not shared with other files' analysis; used to tell which files a change affects. */
  readonly workloads: readonly WorkloadFacts[];
}

export const EMPTY_FACTS: FileFacts = Object.freeze({ namespaces: [], policies: [], serviceAccounts: [], workloads: [] });

export function namespaceOfObject(object: K8sObject): string {
  return object.namespace?.value || DEFAULT_NAMESPACE;
}

function readSelector(map: MapRef | undefined): SelectorFacts {
  const matchLabels: Record<string, string> = {};
  for (const [key, value] of stringEntries(getMap(map, 'matchLabels'))) matchLabels[key] = value.value;
  const matchExpressions = mapItems(getSeq(map, 'matchExpressions')).map((item) => ({
    key: getString(item, 'key')?.value ?? '',
    operator: getString(item, 'operator')?.value ?? '',
    values: stringItems(getSeq(item, 'values')).map((v) => v.value),
  }));
  return { matchLabels, matchExpressions };
}

/** The labels of the pods a workload creates (its pod template's, or a Pod's own). */
export function podLabels(object: K8sObject): Record<string, string> {
  const pod = readPodSpec(object);
  const labels: Record<string, string> = {};
  for (const [key, value] of stringEntries(getMap(pod?.metadata, 'labels'))) labels[key] = value.value;
  return labels;
}

/** Whether a label selector matches a label set, with the API's semantics for each operator. */
export function selects(selector: SelectorFacts, labels: Readonly<Record<string, string>>): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels)) if (labels[key] !== value) return false;
  for (const expression of selector.matchExpressions) {
    const has = Object.prototype.hasOwnProperty.call(labels, expression.key);
    const value = labels[expression.key];
    switch (expression.operator) {
      case 'In':
        if (!has || !expression.values.includes(value as string)) return false;
        break;
      case 'NotIn':
        if (has && expression.values.includes(value as string)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        // The API server rejects an unknown operator, so such a policy selects nothing.
        return false;
    }
  }
  return true;
}

function isLevel(value: string | undefined): value is EnforceLevel {
  return value === 'privileged' || value === 'baseline' || value === 'restricted';
}

/** The facts of a set of objects (one file's). */
export function factsOfObjects(objects: Iterable<K8sObject>): FileFacts {
  const namespaces: NamespaceFacts[] = [];
  const policies: PolicyFacts[] = [];
  const serviceAccounts: ServiceAccountFacts[] = [];
  const workloads: WorkloadFacts[] = [];
  for (const object of objects) {
    const kind = object.kind.value;
    const api = object.apiVersion.value;
    const name = object.name?.value;
    if (kind === 'Namespace' && api === 'v1' && name) {
      const enforce = stringEntries(getMap(object.root, 'metadata', 'labels')).get(ENFORCE_LABEL)?.value;
      namespaces.push({ name, ...(isLevel(enforce) ? { enforce } : {}) });
    } else if (kind === 'NetworkPolicy' && api.startsWith('networking.k8s.io/') && name) {
      const spec = getMap(object.root, 'spec');
      policies.push({
        namespace: namespaceOfObject(object),
        name,
        // A policy without podSelector decodes to the empty selector, which selects every pod.
        podSelector: readSelector(getMap(spec, 'podSelector')),
        policyTypes: stringItems(getSeq(spec, 'policyTypes')).map((t) => t.value),
      });
    } else if (kind === 'ServiceAccount' && api === 'v1' && name) {
      serviceAccounts.push({ namespace: namespaceOfObject(object), name });
    } else {
      const pod = readPodSpec(object);
      if (pod) {
        const serviceAccountName = getString(pod.map, 'serviceAccountName')?.value || getString(pod.map, 'serviceAccount')?.value;
        workloads.push({
          namespace: namespaceOfObject(object),
          kind,
          name: name ?? '',
          labels: podLabels(object),
          ...(serviceAccountName ? { serviceAccountName } : {}),
        });
      }
    }
  }
  return { namespaces, policies, serviceAccounts, workloads };
}

/** Kinds that contribute shared facts; other documents need not be parsed for them. */
const SHARED_KINDS = /\b(?:Namespace|NetworkPolicy|ServiceAccount)\b/;

/** The shared facts of one YAML document's text (the analysis pre-pass); workloads are left out. */
export function sharedFactsOfChunk(text: string): FileFacts {
  if (!SHARED_KINDS.test(text)) return EMPTY_FACTS;
  return { ...factsOfObjects(objectsOfChunk(text)), workloads: [] };
}

/** Facts of a whole file's text without running any rule (for a CLI's first pass). */
export function factsOfText(text: string): FileFacts {
  return mergeFacts(splitDocuments(text).map((chunk) => factsOfObjects(objectsOfChunk(chunk.text))));
}

export function mergeFacts(parts: readonly FileFacts[]): FileFacts {
  if (parts.length === 1) return parts[0] as FileFacts;
  return {
    namespaces: parts.flatMap((p) => p.namespaces),
    policies: parts.flatMap((p) => p.policies),
    serviceAccounts: parts.flatMap((p) => p.serviceAccounts),
    workloads: parts.flatMap((p) => p.workloads),
  };
}

/** The shared facts of one namespace, as a string: equal strings mean equal cross-object outcomes. */
function namespaceSignature(facts: readonly FileFacts[], namespace: string): string {
  const levels = facts.flatMap((f) => f.namespaces.filter((n) => n.name === namespace).map((n) => n.enforce ?? '-')).sort();
  const policies = facts.flatMap((f) => f.policies.filter((p) => p.namespace === namespace).map((p) => JSON.stringify([p.name, p.podSelector, p.policyTypes]))).sort();
  const accounts = facts.flatMap((f) => f.serviceAccounts.filter((s) => s.namespace === namespace).map((s) => s.name)).sort();
  return JSON.stringify([levels, policies, accounts]);
}

function sharedNamespaces(facts: FileFacts): Set<string> {
  return new Set([...facts.namespaces.map((n) => n.name), ...facts.policies.map((p) => p.namespace), ...facts.serviceAccounts.map((s) => s.namespace)]);
}

/**
 * What cross-object rules see: the shared facts of a set of files. Immutable; `key` changes
 * exactly when an answer could.
 */
export class WorkspaceView {
  private levels: Map<string, PssLevel> | undefined;
  private policies: Map<string, PolicyFacts[]> | undefined;
  private accounts: Map<string, Set<string>> | undefined;
  private keyText: string | undefined;

  constructor(readonly files: readonly FileFacts[]) {}

  /** The view plus one more file's facts (analyzeText adds the analysed file's own). */
  with(facts: FileFacts): WorkspaceView {
    if (facts.namespaces.length === 0 && facts.policies.length === 0 && facts.serviceAccounts.length === 0) return this;
    return new WorkspaceView([...this.files, facts]);
  }

  /** A fingerprint of the shared facts, for caches. */
  get key(): string {
    if (this.keyText === undefined) {
      const namespaces = new Set<string>();
      for (const f of this.files) for (const n of sharedNamespaces(f)) namespaces.add(n);
      this.keyText = [...namespaces].sort().map((n) => `${n}=${namespaceSignature(this.files, n)}`).join('\n');
    }
    return this.keyText;
  }

  /**
   * The Pod Security level a namespace's `enforce` label sets, when baseline or restricted. When
   * several Namespace manifests disagree, the strictest wins: that is the one the cluster may end up with.
   */
  namespaceLevel(namespace: string): PssLevel | undefined {
    if (!this.levels) {
      this.levels = new Map();
      for (const f of this.files) {
        for (const n of f.namespaces) {
          if (n.enforce === 'restricted' || (n.enforce === 'baseline' && !this.levels.has(n.name))) this.levels.set(n.name, n.enforce);
        }
      }
    }
    return this.levels.get(namespace);
  }

  /** The NetworkPolicies of a namespace. */
  policiesIn(namespace: string): readonly PolicyFacts[] {
    if (!this.policies) {
      this.policies = new Map();
      for (const f of this.files) {
        for (const p of f.policies) {
          const list = this.policies.get(p.namespace);
          if (list) list.push(p);
          else this.policies.set(p.namespace, [p]);
        }
      }
    }
    return this.policies.get(namespace) ?? [];
  }

  /** The ServiceAccount names defined for a namespace, or undefined when the workspace defines none there. */
  serviceAccountsIn(namespace: string): ReadonlySet<string> | undefined {
    if (!this.accounts) {
      this.accounts = new Map();
      for (const f of this.files) {
        for (const s of f.serviceAccounts) {
          const set = this.accounts.get(s.namespace);
          if (set) set.add(s.name);
          else this.accounts.set(s.namespace, new Set([s.name]));
        }
      }
    }
    return this.accounts.get(namespace);
  }
}

export const EMPTY_VIEW = new WorkspaceView([]);

/**
 * The facts of every file of a workspace, by URI (or path). Callers feed it each file's facts after
 * analysing it and re-analyse the files that `set` and `delete` report as affected.
 */
export class WorkspaceIndex {
  private readonly byUri = new Map<string, FileFacts>();

  /** Records a file's facts; returns the other files whose cross-object findings may change. */
  set(uri: string, facts: FileFacts): string[] {
    const before = this.byUri.get(uri) ?? EMPTY_FACTS;
    this.byUri.set(uri, facts);
    return this.affected(uri, before, facts);
  }

  /** Forgets a deleted file; returns the files whose cross-object findings may change. */
  delete(uri: string): string[] {
    const before = this.byUri.get(uri);
    if (!before) return [];
    this.byUri.delete(uri);
    return this.affected(uri, before, EMPTY_FACTS);
  }

  /** What a file contributes, as last recorded. */
  get(uri: string): FileFacts | undefined {
    return this.byUri.get(uri);
  }

  uris(): string[] {
    return [...this.byUri.keys()].sort();
  }

  /** The view for analysing `uri`: every other file's facts (analyzeText adds the file's own current ones). */
  viewFor(uri: string): WorkspaceView {
    const files: FileFacts[] = [];
    for (const [other, facts] of this.byUri) if (other !== uri) files.push(facts);
    return new WorkspaceView(files);
  }

  /** Files with workloads in a namespace whose shared facts differ between `before` and `after`. */
  private affected(uri: string, before: FileFacts, after: FileFacts): string[] {
    const candidates = new Set([...sharedNamespaces(before), ...sharedNamespaces(after)]);
    const changed = new Set<string>();
    for (const namespace of candidates) {
      if (namespaceSignature([before], namespace) !== namespaceSignature([after], namespace)) changed.add(namespace);
    }
    if (changed.size === 0) return [];
    const out: string[] = [];
    for (const [other, facts] of this.byUri) {
      if (other !== uri && facts.workloads.some((w) => changed.has(w.namespace))) out.push(other);
    }
    return out.sort();
  }
}
