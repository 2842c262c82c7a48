import { getString } from '../model/located';
import { defineRule } from '../rule';
import { MITRE, NSA } from '../references';

const HOW: Readonly<Record<string, string>> = {
  NodePort: 'opens a port on every node',
  LoadBalancer: 'asks the cloud provider for an external load balancer, and opens a port on every node',
};

export default defineRule({
  meta: {
    id: 'service-exposure',
    title: 'Service is exposed outside the cluster',
    severity: 'info',
    family: 'network',
    layer: 'Cluster',
    // All: exposing a Service is often the point of it; the finding asks for a review, so only
    // the opinionated profile shows it.
    profile: 'all',
    references: [NSA.network, MITRE.exposedService],
    docs: {
      rationale:
        'A `NodePort` Service listens on a port of every node, and a `LoadBalancer` Service also gets an address ' +
        'from the cloud provider, often a public one. Either way the backing pods are reachable from outside the ' +
        'cluster, past any Ingress, its TLS and its authentication. The finding is on the `type` value.',
      remediation:
        'Use `type: ClusterIP` and publish HTTP services through an Ingress or Gateway with TLS. When a load ' +
        'balancer is needed, make it internal with the provider\'s annotation and restrict ' +
        '`loadBalancerSourceRanges`.',
      bad: 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  type: NodePort\n  selector: {app: web}\n  ports: [{port: 80}]\n',
      good: 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  type: ClusterIP\n  selector: {app: web}\n  ports: [{port: 80}]\n',
    },
  },
  scope: 'object',
  kinds: ['Service'],
  check(object) {
    const type = getString(object.root, 'spec', 'type');
    if (!type || !Object.hasOwn(HOW, type.value)) return [];
    return [{ span: type.span, path: type.path, message: `${object.label} ${HOW[type.value]} (type: ${type.value}).` }];
  },
});
