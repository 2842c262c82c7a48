import type { Rule } from '../rule';
import apiserverAdmissionPluginsDisabled from './apiserver-admission-plugins-disabled';
import apiserverAlwaysAdmit from './apiserver-always-admit';
import apiserverAlwaysPullImages from './apiserver-always-pull-images';
import apiserverAnonymousAuth from './apiserver-anonymous-auth';
import apiserverAuditLogPath from './apiserver-audit-log-path';
import apiserverAuditLogRetention from './apiserver-audit-log-retention';
import apiserverAuthorizationMode from './apiserver-authorization-mode';
import apiserverClientCa from './apiserver-client-ca';
import apiserverEncryptionProviderConfig from './apiserver-encryption-provider-config';
import apiserverEtcdTls from './apiserver-etcd-tls';
import apiserverEventRateLimit from './apiserver-event-rate-limit';
import apiserverInsecurePort from './apiserver-insecure-port';
import apiserverKubeletCa from './apiserver-kubelet-ca';
import apiserverKubeletClientCerts from './apiserver-kubelet-client-certs';
import apiserverNodeRestriction from './apiserver-node-restriction';
import apiserverProfiling from './apiserver-profiling';
import apiserverServiceAccountKeyFile from './apiserver-service-account-key-file';
import apiserverServiceAccountLookup from './apiserver-service-account-lookup';
import apiserverTlsCert from './apiserver-tls-cert';
import apiserverTlsCipherSuites from './apiserver-tls-cipher-suites';
import apiserverTokenAuthFile from './apiserver-token-auth-file';
import apparmorUnconfined from './apparmor-unconfined';
import capabilitiesAdded from './capabilities-added';
import capabilitiesDropAll from './capabilities-drop-all';
import containerRuntimeSocket from './container-runtime-socket';
import controllerManagerBindAddress from './controller-manager-bind-address';
import controllerManagerProfiling from './controller-manager-profiling';
import controllerManagerRootCa from './controller-manager-root-ca';
import controllerManagerRotateKubeletServerCert from './controller-manager-rotate-kubelet-server-cert';
import controllerManagerServiceAccountCredentials from './controller-manager-service-account-credentials';
import controllerManagerServiceAccountKey from './controller-manager-service-account-key';
import defaultNamespace from './default-namespace';
import defaultServiceAccount from './default-service-account';
import encryptionIdentityFirst from './encryption-identity-first';
import encryptionSecretsNotCovered from './encryption-secrets-not-covered';
import encryptionWeakProvider from './encryption-weak-provider';
import etcdAutoTls from './etcd-auto-tls';
import etcdClientCertAuth from './etcd-client-cert-auth';
import etcdClientTls from './etcd-client-tls';
import etcdPeerAutoTls from './etcd-peer-auto-tls';
import etcdPeerClientCertAuth from './etcd-peer-client-cert-auth';
import etcdPeerTls from './etcd-peer-tls';
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
import kubeletAnonymousAuth from './kubelet-anonymous-auth';
import kubeletAuthorizationMode from './kubelet-authorization-mode';
import kubeletClientCa from './kubelet-client-ca';
import kubeletIptablesUtilChains from './kubelet-iptables-util-chains';
import kubeletProtectKernelDefaults from './kubelet-protect-kernel-defaults';
import kubeletReadOnlyPort from './kubelet-read-only-port';
import kubeletRotateCertificates from './kubelet-rotate-certificates';
import kubeletStreamingIdleTimeout from './kubelet-streaming-idle-timeout';
import livenessProbe from './liveness-probe';
import lowUid from './low-uid';
import namespacePssLabel from './namespace-pss-label';
import networkPolicyMissing from './network-policy-missing';
import privilegeEscalation from './privilege-escalation';
import privileged from './privileged';
import procMount from './proc-mount';
import rbacClusterAdmin from './rbac-cluster-admin';
import rbacDefaultServiceAccountBinding from './rbac-default-service-account-binding';
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
import schedulerBindAddress from './scheduler-bind-address';
import schedulerProfiling from './scheduler-profiling';
import seccompProfile from './seccomp-profile';
import secretEnvVar from './secret-env-var';
import secretInManifest from './secret-in-manifest';
import selinuxOptions from './selinux-options';
import serviceAccountMissing from './service-account-missing';
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
  apiserverAdmissionPluginsDisabled,
  apiserverAlwaysAdmit,
  apiserverAlwaysPullImages,
  apiserverAnonymousAuth,
  apiserverAuditLogPath,
  apiserverAuditLogRetention,
  apiserverAuthorizationMode,
  apiserverClientCa,
  apiserverEncryptionProviderConfig,
  apiserverEtcdTls,
  apiserverEventRateLimit,
  apiserverInsecurePort,
  apiserverKubeletCa,
  apiserverKubeletClientCerts,
  apiserverNodeRestriction,
  apiserverProfiling,
  apiserverServiceAccountKeyFile,
  apiserverServiceAccountLookup,
  apiserverTlsCert,
  apiserverTlsCipherSuites,
  apiserverTokenAuthFile,
  apparmorUnconfined,
  capabilitiesAdded,
  capabilitiesDropAll,
  containerRuntimeSocket,
  controllerManagerBindAddress,
  controllerManagerProfiling,
  controllerManagerRootCa,
  controllerManagerRotateKubeletServerCert,
  controllerManagerServiceAccountCredentials,
  controllerManagerServiceAccountKey,
  defaultNamespace,
  defaultServiceAccount,
  encryptionIdentityFirst,
  encryptionSecretsNotCovered,
  encryptionWeakProvider,
  etcdAutoTls,
  etcdClientCertAuth,
  etcdClientTls,
  etcdPeerAutoTls,
  etcdPeerClientCertAuth,
  etcdPeerTls,
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
  kubeletAnonymousAuth,
  kubeletAuthorizationMode,
  kubeletClientCa,
  kubeletIptablesUtilChains,
  kubeletProtectKernelDefaults,
  kubeletReadOnlyPort,
  kubeletRotateCertificates,
  kubeletStreamingIdleTimeout,
  livenessProbe,
  lowUid,
  namespacePssLabel,
  networkPolicyMissing,
  privilegeEscalation,
  privileged,
  procMount,
  rbacClusterAdmin,
  rbacDefaultServiceAccountBinding,
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
  schedulerBindAddress,
  schedulerProfiling,
  seccompProfile,
  secretEnvVar,
  secretInManifest,
  selinuxOptions,
  serviceAccountMissing,
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
