import { atLeast } from '../pss-version';
import { defineRule, type RuleFinding } from '../rule';
import { cis, MITRE, NSA, pss } from '../references';

/** The capabilities PSA's capabilities_baseline check allows in `add` (unchanged since policy v1.0). */
const BASELINE_ALLOWED: ReadonlySet<string> = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE',
  'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);
const RESTRICTED_ALLOWED: ReadonlySet<string> = new Set(['NET_BIND_SERVICE']);

export default defineRule({
  meta: {
    id: 'capabilities-added',
    title: 'Container adds a Linux capability outside the allowed set',
    severity: 'error',
    family: 'pod-security',
    layer: 'Container',
    profile: 'baseline',
    pss: { level: 'baseline', control: 'Capabilities' },
    references: [
      pss('Capabilities'),
      cis('5.2.8', 'Minimize the admission of containers with the NET_RAW capability'),
      cis('5.2.9', 'Minimize the admission of containers with added capabilities'),
      NSA.podSecurity,
      MITRE.escapeToHost,
    ],
    fix: 'unsafe',
    docs: {
      rationale:
        'Capabilities split root\'s power into pieces; adding one such as SYS_ADMIN, NET_ADMIN, NET_RAW or ' +
        'SYS_PTRACE gives the container kernel powers that are the usual first step of a container escape or of ' +
        'attacks on other pods. The baseline level allows only the 13 capabilities container runtimes grant by ' +
        'default; the restricted level allows only NET_BIND_SERVICE. Names are compared exactly, as the Pod ' +
        'Security admission controller does: `sys_admin` is not allowed even though runtimes accept it.',
      remediation:
        'Remove the capability from `securityContext.capabilities.add`. If the program really needs it, run the ' +
        'workload in a namespace with a more permissive Pod Security level.',
      fixSafety: 'Unsafe: a program that needs the capability fails when it tries to use it. The fix removes the one list item.',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    securityContext:\n      capabilities:\n        add: [SYS_ADMIN]\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    securityContext:\n      capabilities:\n        add: [NET_BIND_SERVICE]\n',
    },
  },
  scope: 'container',
  check(container, pod, { fixer, object, settings }) {
    const version = settings.pssVersion;
    // capabilities_restricted (policy v1.22+) replaces the baseline check at restricted level, and from
    // v1.25 it admits Windows pods outright, so nothing about `add` is checked for them there.
    const restricted = settings.level === 'restricted' && atLeast(version, 22);
    if (restricted && pod.isWindows && atLeast(version, 25)) return [];
    const allowed = restricted ? RESTRICTED_ALLOWED : BASELINE_ALLOWED;
    const levelName = restricted ? 'restricted' : 'baseline';
    const findings: RuleFinding[] = [];
    for (const cap of container.securityContext?.capabilitiesAdd ?? []) {
      if (allowed.has(cap.value)) continue;
      const upper = cap.value.toUpperCase().replace(/^CAP_/, '');
      const hint = allowed.has(upper)
        ? ` Capability names are compared exactly: write "${upper}".`
        : restricted
          ? ' The restricted level allows only NET_BIND_SERVICE.'
          : '';
      findings.push({
        span: cap.span,
        path: cap.path,
        message: `${container.label} in ${object.label} adds the capability "${cap.value}", which the Pod Security Standards ${levelName} level does not allow.${hint}`,
        fix: { title: `Remove the capability ${cap.value}`, safety: 'unsafe', edits: fixer.removeEntry(cap) },
      });
    }
    return findings;
  },
});
