import { admissionPlugin, atFlag, componentsOf, staticPod } from '../model/flags';
import { defineRule, type RuleFinding } from '../rule';
import { cis, NSA } from '../references';

export default defineRule({
  meta: {
    id: 'apiserver-always-admit',
    title: 'AlwaysAdmit admission plugin is on',
    severity: 'error',
    family: 'cluster',
    layer: 'Cluster',
    profile: 'baseline',
    references: [cis('1.2.10', 'Ensure that the admission control plugin AlwaysAdmit is not set'), NSA.controlPlane],
    docs: {
      rationale:
        'AlwaysAdmit admits every request unconditionally. It was deprecated because it exists only to turn ' +
        'admission control off: listed with other plugins it signals that admission is not being relied upon, and ' +
        'with the legacy `--admission-control` flag it can replace the whole plugin chain, Pod Security included.',
      remediation: 'Remove `AlwaysAdmit` from `--enable-admission-plugins` (or `--admission-control`).',
      bad: staticPod('kube-apiserver', ['--enable-admission-plugins=NodeRestriction,AlwaysAdmit']),
      good: staticPod('kube-apiserver', ['--enable-admission-plugins=NodeRestriction']),
    },
  },
  scope: 'pod',
  check(pod) {
    const out: RuleFinding[] = [];
    for (const cf of componentsOf(pod, 'kube-apiserver')) {
      const state = admissionPlugin(cf, 'AlwaysAdmit');
      if (state.on && state.at) out.push(atFlag(cf, state.at, `${cf.label} enables the AlwaysAdmit admission plugin, which admits every request unchecked.`));
    }
    return out;
  },
});
