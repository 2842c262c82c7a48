import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { normalizeSettings } from '../../server/src/engine/config';
import { fixAll, MAX_FIX_PASSES } from '../../server/src/engine/fix-all';
import { parseAllDocuments } from 'yaml';
import { RULE_IDS, RULES } from '../../server/src/engine/rules';
import { analyzeText } from '../../server/src/engine/analyze';
import convertingRule from '../../server/src/engine/rules/secret-env-var';
import { checkSafeFixes, containersOf, deepDiff, formatParts, podSpecOf, pruneUnset, syntaxErrors } from './property';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const corpusDir = path.resolve(repoRoot, '..', 'shared', 'corpus');
const corpusPresent = fs.existsSync(corpusDir);
const settings = normalizeSettings({ profile: 'all' }, RULE_IDS);

function manifests(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ya?ml|json)$/i.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

const files = [
  ...(corpusPresent ? manifests(corpusDir) : []),
  ...manifests(path.join(repoRoot, 'examples')),
  ...manifests(path.join(repoRoot, 'test', 'fixtures')),
];

describe('fix properties over every manifest', () => {
  if (!corpusPresent) it('covers the shared corpus', (t) => t.skip(`shared corpus not found at ${corpusDir}; only examples/ and test/fixtures/ are checked`));

  it('safe fix-all: parses, keeps comments and other documents, changes only intended fields', () => {
    let changed = 0;
    let fixes = 0;
    const violations: string[] = [];
    for (const file of files) {
      const result = checkSafeFixes(fs.readFileSync(file, 'utf8'), settings);
      if (result.changed) changed++;
      fixes += result.fixes;
      for (const v of result.violations) violations.push(`${path.relative(repoRoot, file)}: ${v}`);
    }
    console.log(`safe fixes: ${files.length} files, ${changed} changed, ${fixes} fixes applied, ${violations.length} violations`);
    assert.deepEqual(violations, []);
  });

  it('with unsafe fixes too: parses and converges', () => {
    let fixes = 0;
    const violations: string[] = [];
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const result = fixAll(text, { settings, unsafe: true });
      fixes += result.fixed;
      const name = path.relative(repoRoot, file);
      if (result.text === text) continue;
      if (syntaxErrors(result.text) > syntaxErrors(text)) violations.push(`${name}: new parse errors`);
      // Stopping before the bound means the last pass re-analysed the result and had nothing left to change.
      if (result.passes >= MAX_FIX_PASSES) violations.push(`${name}: does not converge`);
    }
    console.log(`unsafe fixes: ${files.length} files, ${fixes} fixes applied, ${violations.length} violations`);
    assert.deepEqual(violations, []);
  });
});

/** What a Polaris check is about, read from one parsed object, with Kubernetes defaults applied. */
type Concern = (object: unknown) => unknown;

const capabilities = (c: Record<string, unknown>, list: 'add' | 'drop'): string[] => {
  const caps = (c['securityContext'] as { capabilities?: Record<string, unknown> } | undefined)?.capabilities;
  const names = Array.isArray(caps?.[list]) ? (caps[list] as unknown[]).map((n) => String(n).toUpperCase()) : [];
  // Dropping ALL drops everything, whatever else the list names.
  return list === 'drop' && names.includes('ALL') ? ['ALL'] : [...new Set(names)].sort();
};
const perContainer = (read: (c: Record<string, unknown>, pod: Record<string, unknown>) => unknown): Concern => (object) => {
  const pod = podSpecOf(object);
  return containersOf(pod).map((c) => read(c, pod as Record<string, unknown>));
};
const podField = (key: string): Concern => (object) => podSpecOf(object)?.[key] === true;

/** The effective pull policy: an untagged or :latest image defaults to Always, others to IfNotPresent. */
function pullPolicy(c: Record<string, unknown>): unknown {
  if (c['imagePullPolicy'] !== undefined) return c['imagePullPolicy'];
  const image = String(c['image'] ?? '');
  const tag = /@/.test(image) ? 'digest' : /:([^/:]+)$/.exec(image)?.[1];
  return tag === undefined || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

const CONCERNS: Record<string, Concern> = {
  dangerousCapabilities: perContainer((c) => capabilities(c, 'add')),
  insecureCapabilities: perContainer((c) => capabilities(c, 'drop')),
  hostIPCSet: podField('hostIPC'),
  hostNetworkSet: podField('hostNetwork'),
  hostPIDSet: podField('hostPID'),
  hostPortSet: perContainer((c) => (Array.isArray(c['ports']) ? (c['ports'] as Record<string, unknown>[]).map((p) => p?.['hostPort'] ?? 0) : [])),
  pullPolicyNotAlways: perContainer(pullPolicy),
  runAsRootAllowed: perContainer((c, pod) => {
    const own = (c['securityContext'] as Record<string, unknown> | undefined)?.['runAsNonRoot'];
    return own ?? (pod['securityContext'] as Record<string, unknown> | undefined)?.['runAsNonRoot'] ?? false;
  }),
};

/**
 * Where Kubeward's output deliberately differs from `polaris fix` outside the check's concern
 * (after nulls and empty maps, which the API server reads as unset, are pruned).
 */
const DELIBERATE: readonly { file: string; path: string; reason: string }[] = [
  {
    file: 'polaris/test/checks/insecureCapabilities/failure.add.yaml',
    path: 'spec.containers[0].securityContext.capabilities.add',
    reason: 'capabilities-drop-all only adds ALL to drop; removing added capabilities is capabilities-added\'s (unsafe) fix, not a side effect of this one',
  },
  {
    file: 'polaris/test/checks/insecureCapabilities/failure.drop-most.yaml',
    path: 'spec.containers[0].securityContext.capabilities.drop',
    reason: 'we append ALL and keep the names already dropped (a minimal edit); Polaris replaces the list with [ALL]; both drop every capability',
  },
  {
    file: 'polaris/test/checks/pullPolicyNotAlways/failure.yaml',
    path: 'spec.containers[0].imagePullPolicy',
    reason: 'an untagged image already defaults to Always, so image-pull-policy does not flag it; Polaris writes the default out',
  },
  {
    file: 'polaris/test/checks/pullPolicyNotAlways/failure.cron-job.yaml',
    path: 'spec.jobTemplate.spec.template.spec.containers[0].imagePullPolicy',
    reason: 'as above, busybox has no tag, so Always is already the effective policy',
  },
];

describe('the secret-env-var conversion over every manifest', () => {
  it('parses, converges and leaves no convertible finding behind', () => {
    const rules = RULES;
    let converted = 0;
    const violations: string[] = [];
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      if (!/secretKeyRef|secretRef/.test(text)) continue;
      const options = { settings, rules, unsafe: true, ruleIds: new Set([convertingRule.meta.id]) };
      const result = fixAll(text, options);
      converted += result.fixed;
      const name = path.relative(repoRoot, file);
      if (syntaxErrors(result.text) > syntaxErrors(text)) violations.push(`${name}: new parse errors`);
      if (fixAll(result.text, options).text !== result.text) violations.push(`${name}: does not converge`);
      const left = analyzeText(result.text, { settings, rules }).findings.filter((f) => f.ruleId === convertingRule.meta.id && f.fix);
      if (left.length > 0) violations.push(`${name}: ${left.length} convertible findings left`);
    }
    console.log(`secret conversion: ${converted} conversions, ${violations.length} violations`);
    assert.deepEqual(violations, []);
  });
});

describe('fixes compared with polaris fix (../shared/corpus/fixes.tsv)', () => {
  const fixesTsv = path.join(corpusDir, 'fixes.tsv');
  if (!fs.existsSync(fixesTsv)) {
    it('agrees with polaris fix', (t) => t.skip(`${fixesTsv} not found`));
    return;
  }
  it('agrees on every mapped check, with the listed deliberate differences only', () => {
    const ruleOf = new Map(
      fs.readFileSync(path.join(corpusDir, 'rule-map.tsv'), 'utf8').trim().split('\n').slice(1)
        .map((line) => line.split('\t'))
        .filter((row) => row[0] === 'polaris')
        .map((row) => [row[1] as string, row[2] as string]),
    );
    const rows = fs.readFileSync(fixesTsv, 'utf8').trim().split('\n').slice(1).map((line) => line.split('\t'));
    const report: string[] = [];
    const differences: string[] = [];
    const used = new Set<object>();
    let compared = 0;
    let agreed = 0;
    for (const [input, expected, , check] of rows as [string, string, string, string][]) {
      const ruleId = ruleOf.get(check);
      const rule = RULES.find((r) => r.meta.id === ruleId);
      if (!rule?.meta.fix) {
        report.push(`${check}: no Kubeward fix (${ruleId ?? 'unmapped'})`);
        continue;
      }
      const concern = CONCERNS[check];
      assert.ok(concern, `a concern for ${check}`);
      const text = fs.readFileSync(path.join(corpusDir, input), 'utf8');
      const ours = fixAll(text, { settings, unsafe: true, ruleIds: new Set([rule.meta.id]) }).text;
      const theirs = fs.readFileSync(path.join(corpusDir, expected), 'utf8');
      const [a, b] = [ours, theirs].map((t) => parseAllDocuments(t, { version: '1.1' }).map((d) => d.toJS()));
      compared++;
      const same = JSON.stringify((a ?? []).map(concern)) === JSON.stringify((b ?? []).map(concern));
      if (same) agreed++;
      report.push(`${check} -> ${rule.meta.id}: ${same ? 'agrees' : 'DIFFERS'} (${path.basename(input)})`);
      for (const d of deepDiff(pruneUnset(a), pruneUnset(b))) {
        const at = formatParts(d.path.slice(1));
        const known = DELIBERATE.find((x) => x.file === input && at.startsWith(x.path));
        if (known) used.add(known);
        else differences.push(`${input}: ${at}: ours ${JSON.stringify(d.before)}, polaris ${JSON.stringify(d.after)}`);
      }
    }
    console.log(`polaris fix: ${compared} pairs compared, ${agreed} agree on the check's fields\n  ${report.join('\n  ')}`);
    assert.equal(agreed, compared, report.join('\n'));
    assert.deepEqual(differences, [], 'differences outside DELIBERATE');
    assert.deepEqual(DELIBERATE.filter((x) => !used.has(x)), [], 'every listed difference still happens');
  });
});
