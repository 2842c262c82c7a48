// The built-in kinds Kubeward validates, one union per group/version. Each union is generated on
// its own because different groups reuse type names (WebhookClientConfig, ServiceReference, …),
// which the generator refuses within one schema. One version per kind: the GA version served by
// Kubernetes 1.30; other served versions (autoscaling/v1, betas) are recognised but not validated.
import type {
  ConfigMap, Endpoints, LimitRange, Namespace, PersistentVolume, PersistentVolumeClaim, Pod, PodTemplate,
  ReplicationController, ResourceQuota, Secret, Service, ServiceAccount,
} from 'kubernetes-types/core/v1';
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { CronJob, Job } from 'kubernetes-types/batch/v1';
import type { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from 'kubernetes-types/rbac/v1';
import type { Ingress, IngressClass, NetworkPolicy } from 'kubernetes-types/networking/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2';
import type { CustomResourceDefinition, ValidationRule } from 'kubernetes-types/apiextensions/v1';
import type {
  MutatingWebhookConfiguration, ValidatingAdmissionPolicy, ValidatingAdmissionPolicyBinding, ValidatingWebhookConfiguration,
} from 'kubernetes-types/admissionregistration/v1';
import type { PriorityClass } from 'kubernetes-types/scheduling/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { RuntimeClass } from 'kubernetes-types/node/v1';

export type core_v1 =
  | ConfigMap | Endpoints | LimitRange | Namespace | PersistentVolume | PersistentVolumeClaim | Pod | PodTemplate
  | ReplicationController | ResourceQuota | Secret | Service | ServiceAccount;
export type apps_v1 = DaemonSet | Deployment | ReplicaSet | StatefulSet;
export type batch_v1 = CronJob | Job;
export type rbac_v1 = ClusterRole | ClusterRoleBinding | Role | RoleBinding;
export type networking_v1 = Ingress | IngressClass | NetworkPolicy;
export type policy_v1 = PodDisruptionBudget;
export type autoscaling_v2 = HorizontalPodAutoscaler;
// ValidationRule is reachable only through x-kubernetes-validations, which kubernetes-types omits.
export type apiextensions_v1 = CustomResourceDefinition | ValidationRule;
export type admissionregistration_v1 =
  | MutatingWebhookConfiguration | ValidatingAdmissionPolicy | ValidatingAdmissionPolicyBinding | ValidatingWebhookConfiguration;
export type scheduling_v1 = PriorityClass;
export type storage_v1 = StorageClass;
export type discovery_v1 = EndpointSlice;
export type node_v1 = RuntimeClass;
