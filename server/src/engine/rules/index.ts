import type { Rule } from '../rule';
import defaultNamespace from './default-namespace';
import hostNamespaces from './host-namespaces';
import imageLatestTag from './image-latest-tag';
import ingressNginxSnippet from './ingress-nginx-snippet';
import ingressTls from './ingress-tls';
import privilegeEscalation from './privilege-escalation';
import privileged from './privileged';
import rbacClusterAdmin from './rbac-cluster-admin';
import rbacEscalationVerbs from './rbac-escalation-verbs';
import rbacNodesProxy from './rbac-nodes-proxy';
import rbacPodExec from './rbac-pod-exec';
import rbacSecretsRead from './rbac-secrets-read';
import rbacSystemGroupBinding from './rbac-system-group-binding';
import rbacWebhookConfig from './rbac-webhook-config';
import rbacWildcard from './rbac-wildcard';
import rbacWorkloadCreate from './rbac-workload-create';
import readOnlyRootFilesystem from './read-only-root-filesystem';
import runAsNonRoot from './run-as-non-root';
import serviceExposure from './service-exposure';
import serviceExternalIps from './service-external-ips';
import yamlSyntax from './yaml-syntax';

/** Every rule, sorted by id. An explicit list, so that bundling and review see each one. */
export const RULES: readonly Rule[] = [
  defaultNamespace,
  hostNamespaces,
  imageLatestTag,
  ingressNginxSnippet,
  ingressTls,
  privilegeEscalation,
  privileged,
  rbacClusterAdmin,
  rbacEscalationVerbs,
  rbacNodesProxy,
  rbacPodExec,
  rbacSecretsRead,
  rbacSystemGroupBinding,
  rbacWebhookConfig,
  rbacWildcard,
  rbacWorkloadCreate,
  readOnlyRootFilesystem,
  runAsNonRoot,
  serviceExposure,
  serviceExternalIps,
  yamlSyntax,
];

export const RULE_IDS: ReadonlySet<string> = new Set(RULES.map((rule) => rule.meta.id));

export function ruleById(id: string): Rule | undefined {
  return RULES.find((rule) => rule.meta.id === id);
}
