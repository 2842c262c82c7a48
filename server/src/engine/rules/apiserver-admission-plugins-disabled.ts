import { admissionPlugin, atFlag, componentsOf, staticPod } from '../model/flags';
import { defineRule, type RuleFinding } from '../rule';
import { cis, NSA } from '../references';

/** Default-on plugins that security depends on, and what turning each off loses. */
const REQUIRED: readonly (readonly [string, string])[] = [
  ['ServiceAccount', 'pods are not bound to their ServiceAccount and its token handling'],
  ['NamespaceLifecycle', 'objects can be created in namespaces that are being deleted or do not exist'],
  ['PodSecurity', 'pod-security.kubernetes.io namespace labels are not enforced'],
];

export default defineRule({
  meta: {
    id: 'apiserver-admission-plugins-disabled',
    title: 'A security admission plugin is disabled',
    severity: 'warning',
    family: 'cluster',
    layer: 'Cluster',
    // Baseline: these plugins are on by default; it only fires when someone turns one off.
    profile: 'baseline',
    references: [
      cis('1.2.12', 'Ensure that the admission control plugin ServiceAccount is set'),
      cis('1.2.13', 'Ensure that the admission control plugin NamespaceLifecycle is set'),
      NSA.podSecurity,
    ],
    docs: {
      rationale:
        'ServiceAccount, NamespaceLifecycle and PodSecurity are on by default and the cluster\'s security model ' +
        'relies on them: ServiceAccount ties pods to their service account and its token, NamespaceLifecycle keeps ' +
        'objects out of terminating and non-existent namespaces, and PodSecurity enforces the Pod Security ' +
        'Standards labels on namespaces. Listing one in `--disable-admission-plugins` (or leaving it out of the ' +
        'legacy `--admission-control` list) silently removes that protection.',
      remediation: 'Remove the plugin from `--disable-admission-plugins`, or add it to the legacy `--admission-control` list.',
      bad: staticPod('kube-apiserver', ['--disable-admission-plugins=ServiceAccount']),
      good: staticPod('kube-apiserver', ['--disable-admission-plugins=DefaultStorageClass']),
    },
  },
  scope: 'pod',
  check(pod) {
    const out: RuleFinding[] = [];
    for (const cf of componentsOf(pod, 'kube-apiserver')) {
      for (const [plugin, consequence] of REQUIRED) {
        const state = admissionPlugin(cf, plugin);
        if (state.on) continue;
        if (state.at) out.push(atFlag(cf, state.at, `${cf.label} disables the ${plugin} admission plugin, so ${consequence}.`));
        else if (state.list) out.push(atFlag(cf, state.list, `${cf.label} leaves the ${plugin} admission plugin out of --admission-control, so ${consequence}.`));
      }
    }
    return out;
  },
});
