import { getMap, stringEntries, type Located } from '../model/located';
import type { K8sObject } from '../model/objects';
import type { PodSpecModel } from '../model/pod-spec';
import { PEER_CHECKS } from './peer-checks';

export type AnnotationPeer = 'kube-linter' | 'polaris' | 'checkov';

/** Kubeward's own exemption annotation: a comma-separated list of rule ids, or `*`. */
export const IGNORE_ANNOTATION = 'kubeward.io/ignore';
export const IGNORE_REASON_ANNOTATION = 'kubeward.io/ignore-reason';

/** Why one rule is exempt on an object, and where that was said. */
export interface AnnotationExemption {
  readonly ruleId: string;
  readonly justification?: string;
  /** The annotation value that grants it. */
  readonly at: Located<string>;
  /** Only Kubeward's own annotation can be reported as unused: peers' ones serve their tools. */
  readonly own: boolean;
}

const byPeer = new Map<string, string[]>();
for (const [peer, check, rule] of PEER_CHECKS) {
  const key = `${peer}\0${check.toLowerCase()}`;
  byPeer.set(key, [...(byPeer.get(key) ?? []), rule]);
}

function peerRules(peer: AnnotationPeer, check: string): string[] {
  return byPeer.get(`${peer}\0${check.toLowerCase()}`) ?? [];
}

/**
 * Exemptions granted by the object's annotations and, for workloads, its pod template's:
 * Kubeward's own and those of kube-linter, Polaris and Checkov, mapped to Kubeward rules.
 */
export function annotationExemptions(object: K8sObject, pod: PodSpecModel | undefined, knownRules: ReadonlySet<string>): AnnotationExemption[] {
  const objectMetadata = getMap(object.root, 'metadata');
  const sources = [stringEntries(getMap(objectMetadata, 'annotations'))];
  // A Pod's template metadata is its own metadata: read it once.
  if (pod?.annotations.size && pod.metadata?.node !== objectMetadata?.node) sources.push(new Map(pod.annotations));
  const result: AnnotationExemption[] = [];
  for (const annotations of sources) {
    const reason = annotations.get(IGNORE_REASON_ANNOTATION)?.value;
    const own = annotations.get(IGNORE_ANNOTATION);
    if (own) {
      for (const id of own.value.split(',').map((s) => s.trim()).filter(Boolean)) {
        const ids = id === '*' ? [...knownRules] : [id];
        for (const ruleId of ids) result.push({ ruleId, at: own, own: id !== '*', ...(reason ? { justification: reason } : {}) });
      }
    }
    for (const [key, value] of annotations) {
      const add = (peer: AnnotationPeer, check: string, justification: string | undefined) => {
        for (const ruleId of peerRules(peer, check)) {
          result.push({ ruleId, at: value, own: false, ...(justification ? { justification } : {}) });
        }
      };
      const kubeLinter = /^ignore-check\.kube-linter\.io\/(.+)$/.exec(key);
      if (kubeLinter) add('kube-linter', kubeLinter[1] as string, value.value || undefined);
      const polaris = /^polaris\.fairwinds\.com\/(.+)-exempt$/.exec(key);
      if (polaris && value.value.toLowerCase() === 'true') add('polaris', polaris[1] as string, undefined);
      if (/^checkov\.io\/skip\d*$/.test(key)) {
        const [check, ...why] = value.value.split('=');
        add('checkov', (check ?? '').trim(), why.join('=').trim() || undefined);
      }
    }
  }
  return result;
}
