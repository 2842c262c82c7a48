import { checkPluginEnabled, staticPod } from '../model/flags';
import { defineRule } from '../rule';
import { cis, MITRE, NSA } from '../references';

export default defineRule({
  meta: {
    id: 'apiserver-always-pull-images',
    title: 'AlwaysPullImages admission plugin is off',
    severity: 'warning',
    family: 'cluster',
    layer: 'Cluster',
    // Restricted: it matters on multi-tenant clusters and costs registry traffic, so not every cluster wants it.
    profile: 'restricted',
    references: [cis('1.2.11', 'Ensure that the admission control plugin AlwaysPullImages is set'), NSA.images, MITRE.implantImage],
    fix: 'unsafe',
    docs: {
      rationale:
        'Images pulled once stay in the node\'s cache. Without the AlwaysPullImages admission plugin any pod that ' +
        'lands on that node can start a private image already cached there without presenting the pull secret, so ' +
        'tenants can run each other\'s private images and read what they contain.',
      remediation: 'Add `AlwaysPullImages` to `--enable-admission-plugins`.',
      fixSafety:
        'Unsafe: every pod start then contacts the registry, so pods stop starting when the registry is unreachable, ' +
        'and images that exist only in node caches (preloaded, air-gapped) cannot run.',
      bad: staticPod('kube-apiserver', ['--enable-admission-plugins=NodeRestriction']),
      good: staticPod('kube-apiserver', ['--enable-admission-plugins=NodeRestriction,AlwaysPullImages']),
    },
  },
  scope: 'pod',
  check(pod, { fixer }) {
    return checkPluginEnabled(pod, fixer, 'AlwaysPullImages', 'pods can start private images cached on the node without the pull secret', 'unsafe');
  },
});
