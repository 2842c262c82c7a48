import { isMap, isScalar } from 'yaml';
import { findEntry, keysOf, type MapRef } from '../model/located';
import { defineRule, type RuleFinding } from '../rule';
import { cis, MITRE, NSA } from '../references';

/** Values that are clearly not secret material: empty, or a template placeholder for CI to fill in. */
function isPlaceholder(value: string): boolean {
  const text = value.trim();
  return text === '' || /^\$\{[^}]*\}$|^\$\([^)]*\)$|^\{\{.*\}\}$|^<[^<>]*>$|^%\{[^}]*\}$/.test(text);
}

/** Whether a data map holds at least one real value. */
function holdsValues(map: MapRef): boolean {
  return keysOf(map).some((key) => {
    const node = findEntry(map, key)?.value;
    if (!isScalar(node)) return node !== undefined && node !== null;
    return node.value !== null && !isPlaceholder(String(node.value));
  });
}

export default defineRule({
  meta: {
    id: 'secret-in-manifest',
    title: 'Secret values are stored in the manifest',
    severity: 'warning',
    family: 'secrets',
    layer: 'Code',
    profile: 'baseline',
    references: [cis('5.4.2', 'Consider external secret storage'), NSA.secrets, MITRE.credsInFiles],
    docs: {
      rationale:
        'A Secret manifest with `data` or `stringData` holds the secret itself, only base64-encoded, which is not ' +
        'encryption. Committed to source control it is readable by everyone with the repository and stays in ' +
        'its history after it is removed. Empty values and `${VAR}`-style placeholders are not flagged.',
      remediation:
        'Keep the values out of the repository: use an external secret store (External Secrets Operator, the ' +
        'Secrets Store CSI driver), encrypt the file (Sealed Secrets, SOPS), or create the Secret at deploy time.',
      bad: 'apiVersion: v1\nkind: Secret\nmetadata: {name: db}\nstringData:\n  password: hunter2-but-longer\n',
      good: 'apiVersion: v1\nkind: Secret\nmetadata: {name: db}\nstringData:\n  password: ${DB_PASSWORD}\n',
    },
  },
  scope: 'object',
  kinds: ['Secret'],
  check(object) {
    // Only the core Secret; CRDs that happen to be called Secret are other things.
    if (object.apiVersion.value !== 'v1') return [];
    const findings: RuleFinding[] = [];
    for (const field of ['data', 'stringData'] as const) {
      const entry = findEntry(object.root, field);
      if (!entry || !isMap(entry.value)) continue;
      const map: MapRef = { node: entry.value, span: entry.valueSpan, path: entry.path, source: object.root.source, keySpan: entry.keySpan };
      if (!holdsValues(map)) continue;
      const count = keysOf(map).length;
      findings.push({
        span: entry.keySpan,
        path: entry.path,
        message: `${object.label} stores ${count === 1 ? 'a secret value' : `${count} secret values`} in ${field}, readable by anyone with this file.`,
      });
    }
    return findings;
  },
});
