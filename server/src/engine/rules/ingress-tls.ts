import { getMap, getSeq, stringEntries } from '../model/located';
import { defineRule } from '../rule';
import { MITRE, NSA } from '../references';

/**
 * Controllers that terminate TLS from an annotation rather than spec.tls. Listing them avoids
 * flagging Ingresses that do use HTTPS.
 */
const TLS_ANNOTATIONS = [
  'alb.ingress.kubernetes.io/certificate-arn',
  'ingress.gcp.kubernetes.io/pre-shared-cert',
  'networking.gke.io/managed-certificates',
  'appgw.ingress.kubernetes.io/appgw-ssl-certificate',
];

export default defineRule({
  meta: {
    id: 'ingress-tls',
    title: 'Ingress has no TLS',
    severity: 'warning',
    family: 'network',
    layer: 'Cluster',
    // Restricted: plain HTTP is a defect for anything but a redirect, yet some clusters terminate
    // TLS in front of the controller, so the looser profile does not insist.
    profile: 'restricted',
    references: [NSA.network, MITRE.networkSniffing],
    docs: {
      rationale:
        'An Ingress without `spec.tls` serves plain HTTP: credentials, cookies and data cross the network in ' +
        'clear text and can be read or changed on the way. Every Ingress API version is checked ' +
        '(networking.k8s.io/v1, v1beta1 and extensions/v1beta1); an empty `tls` list counts as none. Ingresses ' +
        'whose controller takes its certificate from an annotation (AWS ALB `certificate-arn`, GKE ' +
        '`pre-shared-cert` and `managed-certificates`, Azure Application Gateway `appgw-ssl-certificate`) are not ' +
        'reported. The finding is on the object name.',
      remediation:
        'Add `spec.tls` with the hosts and a Secret holding their certificate; cert-manager can issue and renew it.',
      bad:
        'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web}\nspec:\n  rules:\n  - host: example.com\n' +
        '    http:\n      paths:\n      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}\n',
      good:
        'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web}\nspec:\n  tls:\n  - {hosts: [example.com], secretName: web-tls}\n' +
        '  rules:\n  - host: example.com\n    http:\n      paths:\n      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}\n',
    },
  },
  scope: 'object',
  kinds: ['Ingress'],
  check(object) {
    const tls = getSeq(object.root, 'spec', 'tls');
    if (tls && tls.node.items.length > 0) return [];
    const annotations = stringEntries(getMap(object.root, 'metadata', 'annotations'));
    if (TLS_ANNOTATIONS.some((key) => (annotations.get(key)?.value ?? '') !== '')) return [];
    return [{ span: object.anchorSpan, path: ['spec', 'tls'], message: `${object.label} has no TLS section, so it serves plain HTTP.` }];
  },
});
