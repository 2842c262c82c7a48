import { checkRequiredFlags, staticPod } from '../model/flags';
import { defineRule } from '../rule';
import { cis, MITRE, NSA } from '../references';

export default defineRule({
  meta: {
    id: 'apiserver-encryption-provider-config',
    title: 'Secrets are not encrypted at rest',
    severity: 'warning',
    family: 'cluster',
    layer: 'Cluster',
    // Restricted: encryption at rest needs a key management decision; kubeadm does not configure it.
    profile: 'restricted',
    references: [cis('1.2.27', 'Ensure that the --encryption-provider-config argument is set as appropriate'), NSA.secrets, MITRE.credsInFiles],
    docs: {
      rationale: 'Without `--encryption-provider-config` the API server writes Secrets to etcd unencrypted. Anyone with an etcd backup, a copy of the etcd data directory or direct etcd access reads every Secret, token and key in the cluster.',
      remediation: 'Write an `EncryptionConfiguration` that encrypts `secrets` with `kms` (v2) or `aesgcm`/`secretbox`, mount it into the API server pod and pass it with `--encryption-provider-config`. Then rewrite existing Secrets (`kubectl get secrets -A -o json | kubectl replace -f -`).',
      bad: staticPod('kube-apiserver', []),
      good: staticPod('kube-apiserver', ['--encryption-provider-config=/etc/kubernetes/enc/encryption.yaml']),
    },
  },
  scope: 'pod',
  check(pod) {
    return checkRequiredFlags(pod, 'kube-apiserver', ['encryption-provider-config'], 'Secrets are stored in etcd in plain text');
  },
});
