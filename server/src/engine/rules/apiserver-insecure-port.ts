import { atFlag, componentsOf, flag, staticPod } from '../model/flags';
import { defineRule, type RuleFinding } from '../rule';
import { cis, MITRE, NSA } from '../references';

export default defineRule({
  meta: {
    id: 'apiserver-insecure-port',
    title: 'API server serves an unauthenticated port',
    severity: 'error',
    family: 'cluster',
    layer: 'Cluster',
    profile: 'baseline',
    references: [
      cis('1.2.19 (v1.6)', 'Ensure that the --insecure-bind-address argument is not set (removed in Kubernetes 1.24)'),
      cis('1.2.20 (v1.6)', 'Ensure that the --insecure-port argument is set to 0 (removed in Kubernetes 1.24)'),
      cis('1.2.21 (v1.6)', 'Ensure that the --secure-port argument is not set to 0'),
      NSA.controlPlane,
      MITRE.exposedService,
    ],
    docs: {
      rationale:
        'The insecure port (`--insecure-port`, 8080 by default before Kubernetes 1.20) serves the API over plain HTTP ' +
        'with no authentication and no authorization: every request is a cluster admin. `--insecure-bind-address` ' +
        'moves it from localhost onto the network, and `--secure-port=0` turns off the authenticated HTTPS port. ' +
        'The flags were removed in Kubernetes 1.24, so they appear only in old manifests, where they matter most. ' +
        'A missing `--insecure-port` is not reported: it has defaulted to 0 since Kubernetes 1.20.',
      remediation: 'Remove `--insecure-port` and `--insecure-bind-address` (or set `--insecure-port=0`), and keep `--secure-port` at 6443.',
      bad: staticPod('kube-apiserver', ['--insecure-port=8080', '--insecure-bind-address=0.0.0.0']),
      good: staticPod('kube-apiserver', ['--insecure-port=0', '--secure-port=6443']),
    },
  },
  scope: 'pod',
  check(pod) {
    const out: RuleFinding[] = [];
    for (const cf of componentsOf(pod, 'kube-apiserver')) {
      const port = flag(cf, 'insecure-port');
      if (port?.value !== undefined && port.value !== '0') {
        out.push(atFlag(cf, port, `${cf.label} serves the API without authentication or authorization on insecure port ${port.value}.`));
      }
      const bind = flag(cf, 'insecure-bind-address');
      if (bind?.value && !(port?.value === '0')) {
        out.push(atFlag(cf, bind, `${cf.label} binds the unauthenticated insecure port to ${bind.value}, beyond localhost.`));
      }
      const secure = flag(cf, 'secure-port');
      if (secure?.value === '0') out.push(atFlag(cf, secure, `${cf.label} sets --secure-port=0, turning off the authenticated HTTPS API.`));
    }
    return out;
  },
});
