import {
  featureGate, KUBELET_CONFIG_KIND, kubeletConfig, kubeletFinding, kubeletSetting, kubeletSources, setKubeletEdits, type KubeletSettingSpec,
} from '../model/flags';
import { getBool } from '../model/located';
import { WORKLOAD_KINDS } from '../model/pod-spec';
import { defineRule, type RuleFinding } from '../rule';
import { cis, NSA } from '../references';

const ROTATE: KubeletSettingSpec<boolean> = { flag: 'rotate-certificates', field: ['rotateCertificates'], flagDefault: false, configDefault: false };
const GATE = 'RotateKubeletServerCertificate';

export default defineRule({
  meta: {
    id: 'kubelet-rotate-certificates',
    title: 'Kubelet certificates are not rotated',
    severity: 'warning',
    family: 'cluster',
    layer: 'Cluster',
    // Baseline: kubeadm turns rotation on; without it nodes drop out of the cluster when certificates expire.
    profile: 'baseline',
    references: [
      cis('4.2.11', 'Ensure that the --rotate-certificates argument is not set to false'),
      cis('4.2.12', 'Verify that the RotateKubeletServerCertificate argument is set to true'),
      NSA.controlPlane,
    ],
    fix: 'safe',
    docs: {
      rationale:
        'Without `rotateCertificates: true` (the default is false) the kubelet keeps its client certificate until it ' +
        'expires, so operators issue long-lived certificates and a stolen one stays valid for years. Turning off the ' +
        '`RotateKubeletServerCertificate` feature gate stops the kubelet from renewing its serving certificate ' +
        'through the cluster CA as well. Set `serverTLSBootstrap: true` to get CA-signed serving certificates in ' +
        'the first place.',
      remediation:
        'Set `rotateCertificates: true` in the KubeletConfiguration (or `--rotate-certificates=true`) and remove ' +
        '`RotateKubeletServerCertificate: false` from `featureGates`.',
      fixSafety:
        'Safe: the kubelet requests a renewed client certificate through the CSR API, which the controller manager ' +
        'approves automatically for node client certificates.',
      bad: kubeletConfig('rotateCertificates: false\n'),
      good: kubeletConfig('rotateCertificates: true\nserverTLSBootstrap: true\n'),
    },
  },
  scope: 'object',
  kinds: [KUBELET_CONFIG_KIND, ...WORKLOAD_KINDS],
  check(object, { fixer }) {
    const out: RuleFinding[] = [];
    for (const source of kubeletSources(object)) {
      const rotate = kubeletSetting(source, ROTATE, 'boolean');
      if (rotate.value === false) {
        const fix = { title: `Set ${rotate.name} to true`, safety: 'safe' as const, edits: setKubeletEdits(fixer, source, ROTATE, true) };
        const how = rotate.at ? 'false' : 'false by default';
        out.push(kubeletFinding(rotate, `${rotate.label} does not rotate its client certificate (${rotate.name} is ${how}), so the certificate lives until it expires.`, fix));
      }
      const gate = source.kind === 'config' ? getBool(source.object.root, 'featureGates', GATE) : featureGate(source.cf, GATE);
      if (gate?.value === false) {
        out.push(kubeletFinding({ ...rotate, at: { span: gate.span, path: gate.path } }, `${rotate.label} turns off the ${GATE} feature gate, so its serving certificate is not renewed through the cluster CA.`));
      }
    }
    return out;
  },
});
