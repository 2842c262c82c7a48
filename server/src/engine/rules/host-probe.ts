import { getMap, getString } from '../model/located';
import { atLeast } from '../pss-version';
import { defineRule, type RuleFinding } from '../rule';
import { MITRE, NSA, pss } from '../references';

const HANDLERS: readonly (readonly string[])[] = [
  ['livenessProbe'], ['readinessProbe'], ['startupProbe'], ['lifecycle', 'postStart'], ['lifecycle', 'preStop'],
];

export default defineRule({
  meta: {
    id: 'host-probe',
    title: 'Probe or lifecycle hook targets another host',
    severity: 'warning',
    family: 'pod-security',
    layer: 'Container',
    profile: 'baseline',
    pss: { level: 'baseline', control: 'Host Probes / Lifecycle Hooks' },
    references: [pss('Host Probes / Lifecycle Hooks'), NSA.network, MITRE.networkSniffing],
    fix: 'unsafe',
    docs: {
      rationale:
        'The kubelet runs httpGet and tcpSocket probes and lifecycle hooks from the node. A `host` field points ' +
        'them at any address the node can reach, so a pod author can make the kubelet send requests to internal ' +
        'services or cloud metadata endpoints (server-side request forgery). Policy v1.34 and later forbid it.',
      remediation: 'Remove `host` from the probe or hook; it then targets the pod\'s own IP. Use an `HTTP Host` header if a virtual host is needed.',
      fixSafety: 'Unsafe: the probe then checks the pod instead of the named host, which may change whether it succeeds. The fix removes the `host` line.',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    livenessProbe:\n      httpGet:\n        host: 169.254.169.254\n        port: 80\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    livenessProbe:\n      httpGet:\n        port: 80\n',
    },
  },
  scope: 'container',
  check(container, _pod, { fixer, object, settings }) {
    // hostProbesAndHostLifecycle exists from policy v1.34.
    if (!atLeast(settings.pssVersion, 34)) return [];
    const findings: RuleFinding[] = [];
    for (const handler of HANDLERS) {
      const probe = getMap(container.map, ...handler);
      if (!probe) continue;
      for (const action of ['httpGet', 'tcpSocket']) {
        const host = getString(probe, action, 'host');
        if (!host || host.value === '') continue;
        findings.push({
          span: host.span,
          path: host.path,
          message: `${container.label} in ${object.label} points its ${handler.join('.')} ${action} at host "${host.value}", so the kubelet sends requests to another address.`,
          fix: { title: 'Remove host', safety: 'unsafe', edits: fixer.removeEntry(host) },
        });
      }
    }
    return findings;
  },
});
