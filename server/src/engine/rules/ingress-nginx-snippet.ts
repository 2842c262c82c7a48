import { getMap, stringEntries } from '../model/located';
import { defineRule, type RuleFinding } from '../rule';
import { MITRE, NSA } from '../references';

/**
 * Every ingress-nginx annotation that pastes raw text into nginx.conf ends in `-snippet`:
 * configuration-, server-, auth-, stream- and modsecurity-snippet.
 */
const SNIPPET = /^nginx\.ingress\.kubernetes\.io\/[a-z-]+-snippet$/;

export default defineRule({
  meta: {
    id: 'ingress-nginx-snippet',
    title: 'Ingress uses an ingress-nginx snippet annotation',
    severity: 'warning',
    family: 'network',
    layer: 'Cluster',
    // Restricted: snippets are a known cluster-wide escalation, but some teams still depend on
    // them; the default profile reports them.
    profile: 'restricted',
    references: [
      {
        standard: 'CVE',
        id: 'CVE-2021-25742',
        title: 'ingress-nginx custom snippets allow retrieval of the controller service account token and secrets across all namespaces',
        url: 'https://github.com/kubernetes/ingress-nginx/issues/7837',
      },
      NSA.network,
      MITRE.exploitPublicApp,
    ],
    docs: {
      rationale:
        'ingress-nginx copies snippet annotations (`configuration-snippet`, `server-snippet`, `auth-snippet`, ' +
        '`stream-snippet`, `modsecurity-snippet`) verbatim into the nginx configuration that every Ingress of the ' +
        'cluster shares. Whoever can write an Ingress can so run Lua or read files in the controller, whose ' +
        'service account reads every Secret of the cluster (CVE-2021-25742). Since controller v1.9 the ' +
        '`allow-snippet-annotations` setting is off by default, and a snippet is then ignored or rejected; a ' +
        'manifest that relies on one re-opens the hole. Each non-empty snippet annotation is reported on its key.',
      remediation:
        'Replace the snippet with the dedicated annotation or ConfigMap option (headers, rewrites, CORS, rate ' +
        'limits), and keep `allow-snippet-annotations: "false"` on the controller.',
      bad:
        'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  annotations:\n' +
        '    nginx.ingress.kubernetes.io/configuration-snippet: |\n      more_set_headers "X-Frame-Options: DENY";\n' +
        'spec:\n  tls: [{hosts: [example.com], secretName: web-tls}]\n  rules: [{host: example.com}]\n',
      good:
        'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  annotations:\n' +
        '    nginx.ingress.kubernetes.io/rewrite-target: /\n' +
        'spec:\n  tls: [{hosts: [example.com], secretName: web-tls}]\n  rules: [{host: example.com}]\n',
    },
  },
  scope: 'object',
  kinds: ['Ingress'],
  check(object) {
    const findings: RuleFinding[] = [];
    for (const [key, value] of stringEntries(getMap(object.root, 'metadata', 'annotations'))) {
      if (!SNIPPET.test(key) || value.value.trim() === '') continue;
      const name = key.slice(key.indexOf('/') + 1);
      findings.push({
        span: value.keySpan,
        path: value.path,
        message: `${object.label} injects raw nginx configuration through the ${name} annotation, which can expose every Secret the controller reads.`,
      });
    }
    return findings;
  },
});
