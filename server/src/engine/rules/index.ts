import type { Rule } from '../rule';
import apparmorUnconfined from './apparmor-unconfined';
import capabilitiesAdded from './capabilities-added';
import capabilitiesDropAll from './capabilities-drop-all';
import containerRuntimeSocket from './container-runtime-socket';
import defaultNamespace from './default-namespace';
import defaultServiceAccount from './default-service-account';
import hardcodedSecret from './hardcoded-secret';
import hostNamespaces from './host-namespaces';
import hostPathVolume from './host-path-volume';
import hostPort from './host-port';
import hostProbe from './host-probe';
import hostProcess from './host-process';
import imageDigest from './image-digest';
import imageLatestTag from './image-latest-tag';
import imagePullPolicy from './image-pull-policy';
import imageRegistry from './image-registry';
import ingressNginxSnippet from './ingress-nginx-snippet';
import ingressTls from './ingress-tls';
import invalidValue from './invalid-value';
import livenessProbe from './liveness-probe';
import lowUid from './low-uid';
import privilegeEscalation from './privilege-escalation';
import privileged from './privileged';
import procMount from './proc-mount';
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
import readinessProbe from './readiness-probe';
import resourceLimits from './resource-limits';
import resourceRequests from './resource-requests';
import restrictedVolumeTypes from './restricted-volume-types';
import rootGroup from './root-group';
import runAsNonRoot from './run-as-non-root';
import runAsRootUser from './run-as-root-user';
import seccompProfile from './seccomp-profile';
import secretEnvVar from './secret-env-var';
import secretInManifest from './secret-in-manifest';
import selinuxOptions from './selinux-options';
import serviceAccountTokenAutomount from './service-account-token-automount';
import serviceExposure from './service-exposure';
import serviceExternalIps from './service-external-ips';
import shareProcessNamespace from './share-process-namespace';
import unknownField from './unknown-field';
import unsafeSysctls from './unsafe-sysctls';
import unusedSuppression from './unused-suppression';
import yamlSyntax from './yaml-syntax';

/** Every rule, sorted by id. An explicit list, so that bundling and review see each one. */
export const RULES: readonly Rule[] = [
  apparmorUnconfined,
  capabilitiesAdded,
  capabilitiesDropAll,
  containerRuntimeSocket,
  defaultNamespace,
  defaultServiceAccount,
  hardcodedSecret,
  hostNamespaces,
  hostPathVolume,
  hostPort,
  hostProbe,
  hostProcess,
  imageDigest,
  imageLatestTag,
  imagePullPolicy,
  imageRegistry,
  ingressNginxSnippet,
  ingressTls,
  invalidValue,
  livenessProbe,
  lowUid,
  privilegeEscalation,
  privileged,
  procMount,
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
  readinessProbe,
  resourceLimits,
  resourceRequests,
  restrictedVolumeTypes,
  rootGroup,
  runAsNonRoot,
  runAsRootUser,
  seccompProfile,
  secretEnvVar,
  secretInManifest,
  selinuxOptions,
  serviceAccountTokenAutomount,
  serviceExposure,
  serviceExternalIps,
  shareProcessNamespace,
  unknownField,
  unsafeSysctls,
  unusedSuppression,
  yamlSyntax,
];

export const RULE_IDS: ReadonlySet<string> = new Set(RULES.map((rule) => rule.meta.id));

export function ruleById(id: string): Rule | undefined {
  return RULES.find((rule) => rule.meta.id === id);
}
