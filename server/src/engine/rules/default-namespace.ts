import { defineRule } from '../rule';
import { cis, NSA } from '../references';

/** Objects that exist only in default, created by the API server and the controllers there. */
const BUILT_IN_DEFAULTS = new Set(['Service/kubernetes', 'Endpoints/kubernetes', 'EndpointSlice/kubernetes', 'ServiceAccount/default']);

export default defineRule({
  meta: {
    id: 'default-namespace',
    title: 'Object is placed in the default namespace',
    severity: 'info',
    family: 'network',
    layer: 'Cluster',
    // All: a tidiness and blast-radius concern rather than a vulnerability, shown only by the
    // opinionated profile.
    profile: 'all',
    references: [cis('5.7.4', 'The default namespace should not be used'), NSA.network],
    docs: {
      rationale:
        'The `default` namespace is where everything lands that nobody placed: it usually has no NetworkPolicy, no ' +
        'Pod Security label, no quota, and many people can write to it. An application there shares its service ' +
        'accounts, Secrets and network with unrelated objects. Only an explicit `metadata.namespace: default` is ' +
        'reported, on the value: a manifest without a namespace is deployed wherever its user points it. The ' +
        '`kubernetes` Service and the `default` ServiceAccount, which exist only there, are not reported.',
      remediation: 'Create a namespace for the application, with Pod Security labels, a NetworkPolicy and a quota, and use it.',
      bad: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: default\ndata: {mode: prod}\n',
      good: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop\ndata: {mode: prod}\n',
    },
  },
  scope: 'object',
  check(object) {
    const ns = object.namespace;
    if (ns?.value !== 'default') return [];
    if (BUILT_IN_DEFAULTS.has(`${object.kind.value}/${object.name?.value ?? ''}`)) return [];
    return [{ span: ns.span, path: ns.path, message: `${object.label} is placed in the default namespace.` }];
  },
});
