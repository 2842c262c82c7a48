import { atFlag, componentsOf, listFlag, missingFlag, staticPod, valueOf } from '../model/flags';
import { defineRule, type RuleFinding } from '../rule';
import { cis, MITRE, NSA } from '../references';

const ETCD_FLAGS = [
  '--etcd-servers=https://127.0.0.1:2379',
  '--etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt',
  '--etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt',
  '--etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key',
];

export default defineRule({
  meta: {
    id: 'apiserver-etcd-tls',
    title: 'API server talks to etcd without full TLS',
    severity: 'error',
    family: 'cluster',
    layer: 'Cluster',
    // Baseline: the API server to etcd connection carries every Secret of the cluster.
    profile: 'baseline',
    references: [
      cis('1.2.23', 'Ensure that the --etcd-certfile and --etcd-keyfile arguments are set as appropriate'),
      cis('1.2.26', 'Ensure that the --etcd-cafile argument is set as appropriate'),
      NSA.controlPlane,
      MITRE.networkSniffing,
    ],
    docs: {
      rationale:
        'Everything the API server stores, Secrets included, goes to etcd. Without `--etcd-certfile` and ' +
        '`--etcd-keyfile` the API server cannot authenticate to an etcd that requires client certificates, which ' +
        'pushes operators to leave etcd open; without `--etcd-cafile` it does not verify that it talks to the real ' +
        'etcd; and an `http://` URL in `--etcd-servers` sends the data in plain text.',
      remediation:
        'Use `https://` URLs in `--etcd-servers`, and pass the etcd CA and the API server\'s etcd client certificate ' +
        'with `--etcd-cafile`, `--etcd-certfile` and `--etcd-keyfile` (kubeadm writes them under `/etc/kubernetes/pki`).',
      bad: staticPod('kube-apiserver', ['--etcd-servers=http://127.0.0.1:2379']),
      good: staticPod('kube-apiserver', ETCD_FLAGS),
    },
  },
  scope: 'pod',
  check(pod) {
    const out: RuleFinding[] = [];
    for (const cf of componentsOf(pod, 'kube-apiserver')) {
      const missing = ['etcd-certfile', 'etcd-keyfile', 'etcd-cafile'].filter((name) => !valueOf(cf, name)).map((name) => `--${name}`);
      if (missing.length > 0) {
        const list = missing.length === 1 ? missing[0] : `${missing.slice(0, -1).join(', ')} and ${missing[missing.length - 1]}`;
        out.push(missingFlag(cf, `${cf.label} does not set ${list}, so its connection to etcd is not mutually authenticated.`));
      }
      for (const server of listFlag(cf, 'etcd-servers') ?? []) {
        if (/^http:\/\//i.test(server.value)) out.push(atFlag(cf, server, `${cf.label} reaches etcd over plain HTTP at ${server.value}, unencrypted.`));
      }
    }
    return out;
  },
});
