import { getMap, getSeq, getString, mapItems, stringEntries, stringItems, type Located, type MapRef } from './located';
import type { K8sObject } from './objects';

/**
 * RBAC matching follows the authorizer (k8s.io/kubernetes plugin/pkg/auth/authorizer/rbac):
 * names compare exactly and case-sensitively, `*` matches everything, and a resource written
 * `*` + `/exec` matches that subresource of any resource. A missing list matches nothing.
 */

export const ROLE_KINDS = ['Role', 'ClusterRole'] as const;
export const BINDING_KINDS = ['RoleBinding', 'ClusterRoleBinding'] as const;

export const CORE = '';
export const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** One entry of a role's `rules`, with every list located item by item. */
export interface PolicyRule {
  readonly map: MapRef;
  readonly apiGroups: readonly Located<string>[];
  readonly resources: readonly Located<string>[];
  readonly verbs: readonly Located<string>[];
  readonly resourceNames: readonly Located<string>[];
  readonly nonResourceURLs: readonly Located<string>[];
}

/**
 * Objects the API server creates itself at bootstrap carry this label. Their broad grants are by
 * design (cluster-admin, admin, edit, system:masters), so a cluster dump should not be flagged
 * for them; a user's own manifests never carry it.
 */
export function isBootstrapDefault(object: K8sObject): boolean {
  return stringEntries(getMap(object.root, 'metadata', 'labels')).get('kubernetes.io/bootstrapping')?.value === 'rbac-defaults';
}

/**
 * The rules a Role or ClusterRole states. An aggregated ClusterRole usually states none: the
 * controller fills them from other roles, which are checked where they are defined. Rules it does
 * state are checked like any other.
 */
export function policyRules(object: K8sObject): PolicyRule[] {
  if (isBootstrapDefault(object)) return [];
  return mapItems(getSeq(object.root, 'rules')).map((map) => ({
    map,
    apiGroups: stringItems(getSeq(map, 'apiGroups')),
    resources: stringItems(getSeq(map, 'resources')),
    verbs: stringItems(getSeq(map, 'verbs')),
    resourceNames: stringItems(getSeq(map, 'resourceNames')),
    nonResourceURLs: stringItems(getSeq(map, 'nonResourceURLs')),
  }));
}

export function groupMatches(rule: PolicyRule, groups: readonly string[]): boolean {
  return rule.apiGroups.some((g) => g.value === '*' || groups.includes(g.value));
}

/**
 * The resource items of `rule` that name one of `wanted` (`pods/exec`) explicitly or through
 * `*` + `/exec`. A bare `*` is left to rbac-wildcard, which already reports it.
 */
export function namedResources(rule: PolicyRule, wanted: readonly string[]): Located<string>[] {
  return rule.resources.filter((r) => {
    if (r.value === '*') return false;
    if (wanted.includes(r.value)) return true;
    if (!r.value.startsWith('*/')) return false;
    const sub = r.value.slice(2);
    return wanted.some((w) => w.includes('/') && w.slice(w.indexOf('/') + 1) === sub);
  });
}

/** The verbs of `wanted` the rule grants, `*` standing for all of them, in `wanted` order. */
export function grantedVerbs(rule: PolicyRule, wanted: readonly string[]): string[] {
  if (rule.verbs.some((v) => v.value === '*')) return [...wanted];
  return wanted.filter((w) => rule.verbs.some((v) => v.value === w));
}

/** `a`, `a and b`, `a, b and c`. */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** How a message names the API groups a rule applies to. */
export function describeGroups(rule: PolicyRule): string {
  const groups = [...new Set(rule.apiGroups.map((g) => g.value))];
  if (groups.includes('*')) return 'every API group';
  if (groups.length === 1) return groups[0] === CORE ? 'the core API group' : `the API group "${groups[0]}"`;
  return `the API groups ${listOf(groups.map((g) => (g === CORE ? 'core' : `"${g}"`)))}`;
}

export function describeVerbs(rule: PolicyRule): string {
  const verbs = [...new Set(rule.verbs.map((v) => v.value))];
  if (verbs.includes('*')) return 'every verb';
  return verbs.length > 0 ? listOf(verbs) : 'no verbs';
}

/** A subject of a binding, located on its name. */
export interface Subject {
  readonly kind: string | undefined;
  readonly name: Located<string>;
  readonly namespace: string | undefined;
}

export function subjectsOf(object: K8sObject): Subject[] {
  return mapItems(getSeq(object.root, 'subjects')).flatMap((map) => {
    const name = getString(map, 'name');
    if (!name) return [];
    return [{ kind: getString(map, 'kind')?.value, name, namespace: getString(map, 'namespace')?.value }];
  });
}

/** `ServiceAccount "ns/app"`, `Group "system:authenticated"`. */
export function describeSubject(subject: Subject): string {
  const name = subject.kind === 'ServiceAccount' && subject.namespace ? `${subject.namespace}/${subject.name.value}` : subject.name.value;
  return `${subject.kind ?? 'subject'} "${name}"`;
}

/** How a message names the verbs found by grantedVerbs: a `"*"` is said as such. */
export function verbPhrase(rule: PolicyRule, granted: readonly string[]): string {
  return rule.verbs.some((v) => v.value === '*') ? 'every verb' : listOf(granted);
}

/**
 * The built-in roles (admin, edit, view, or any other) that a ClusterRole's label feeds through
 * aggregation: its grants then reach every holder of those roles, which a finding should say.
 */
export function aggregatedInto(object: K8sObject): string[] {
  if (object.kind.value !== 'ClusterRole') return [];
  const prefix = 'rbac.authorization.k8s.io/aggregate-to-';
  const targets: string[] = [];
  for (const [key, value] of stringEntries(getMap(object.root, 'metadata', 'labels'))) {
    if (key.startsWith(prefix) && key.length > prefix.length && value.value === 'true') targets.push(key.slice(prefix.length));
  }
  return targets;
}

/** Adds the aggregation targets to each message, keeping it one sentence. */
export function noteAggregation<F extends { readonly message: string }>(object: K8sObject, findings: F[]): F[] {
  const targets = aggregatedInto(object);
  if (targets.length === 0) return findings;
  const note = `, and every holder of the ${listOf(targets.map((t) => `"${t}"`))} ClusterRole${targets.length > 1 ? 's' : ''} gets this through aggregation`;
  return findings.map((f) => ({ ...f, message: f.message.replace(/\.$/, `${note}.`) }));
}
