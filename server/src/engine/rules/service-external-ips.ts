import { getSeq, stringItems } from '../model/located';
import { listOf } from '../model/rbac';
import { defineRule } from '../rule';
import { MITRE, NSA } from '../references';

export default defineRule({
  meta: {
    id: 'service-external-ips',
    title: 'Service sets externalIPs',
    severity: 'warning',
    family: 'network',
    layer: 'Cluster',
    // Restricted: a few bare-metal setups use externalIPs on purpose, but the default profile
    // should surface a field that can hijack other traffic.
    profile: 'restricted',
    references: [
      { standard: 'CVE', id: 'CVE-2020-8554', title: 'Man in the middle using LoadBalancer or ExternalIPs', url: 'https://github.com/kubernetes/kubernetes/issues/97076' },
      NSA.network,
      MITRE.adversaryInTheMiddle,
    ],
    docs: {
      rationale:
        'kube-proxy routes traffic for every address in `externalIPs` to the Service, on every node, whoever owns ' +
        'that address. Anyone who can create a Service can so capture traffic that pods send to any IP, another ' +
        'cluster\'s or an outside service\'s (CVE-2020-8554, which Kubernetes will not fix in kube-proxy). Clusters ' +
        'should deny the field with the DenyServiceExternalIPs admission plugin or a policy; a manifest that ' +
        'needs it deserves a review. The finding is on the `externalIPs` key; an empty list is not reported.',
      remediation:
        'Remove `externalIPs`. Use a `LoadBalancer` Service, or a bare-metal load balancer such as MetalLB that ' +
        'assigns addresses it owns.',
      bad: 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n  externalIPs: ["203.0.113.10"]\n',
      good: 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n',
    },
  },
  scope: 'object',
  kinds: ['Service'],
  check(object) {
    const seq = getSeq(object.root, 'spec', 'externalIPs');
    if (!seq || seq.node.items.length === 0 || !seq.keySpan) return [];
    const ips = stringItems(seq).map((ip) => ip.value);
    const which = ips.length === 0 ? '' : ` (${listOf(ips.length <= 3 ? ips : [...ips.slice(0, 2), `${ips.length - 2} more`])})`;
    return [{ span: seq.keySpan, path: seq.path, message: `${object.label} claims external IPs${which}, which lets it capture traffic meant for those addresses.` }];
  },
});
