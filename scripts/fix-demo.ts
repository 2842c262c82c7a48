/**
 * Before/after of every fixable rule on a realistic manifest: for each rule, the unified diff of
 * applying that rule's fixes alone (unsafe ones included, as a user clicking each quick fix would).
 * The secret-env-var conversion is shown through `secretToVolume` until the rule offers it itself.
 *
 *   npx tsc -p . && node out/scripts/fix-demo.js [manifest.yaml]
 */
import fs from 'node:fs';
import path from 'node:path';
import { analyzeText } from '../server/src/engine/analyze';
import { unifiedDiff } from '../server/src/cli/diff';
import { normalizeSettings } from '../server/src/engine/config';
import { fixAll } from '../server/src/engine/fix-all';
import { secretToVolume } from '../server/src/engine/fixes/secret-to-volume';
import { getSeq, mapItems, type FieldPath } from '../server/src/engine/model/located';
import { defineRule, type Rule } from '../server/src/engine/rule';
import { RULES, RULE_IDS } from '../server/src/engine/rules';

const root = path.resolve(__dirname, '..', '..');
const file = process.argv[2] ?? path.join(root, 'test', 'fixtures', 'fixes', 'realistic-deployment.yaml');
const shown = path.relative(root, path.resolve(file)) || file;
const text = fs.readFileSync(file, 'utf8');
const settings = normalizeSettings({ profile: 'all' }, RULE_IDS);

function startsWith(p: FieldPath, prefix: FieldPath): boolean {
  return prefix.length <= p.length && prefix.every((part, i) => p[i] === part);
}

/** The shipped rules, with secret-env-var given the conversion when it does not offer one yet. */
function rulesWithConversion(): Rule[] {
  return RULES.map((rule) => {
    if (rule.meta.id !== 'secret-env-var' || rule.meta.fix || rule.scope !== 'container') return rule;
    return defineRule({
      meta: { ...rule.meta, fix: 'unsafe' },
      scope: 'container',
      check(container, pod, ctx) {
        const entries = [...mapItems(getSeq(container.map, 'env')), ...mapItems(getSeq(container.map, 'envFrom'))];
        return rule.check(container, pod, ctx).map((finding) => {
          const entry = entries.find((e) => startsWith(finding.path, e.path));
          const fix = entry && secretToVolume(container, pod, entry, ctx.fixer, ctx.settings.fix);
          return fix ? { ...finding, fix } : finding;
        });
      },
    });
  });
}

const rules = rulesWithConversion();
const findings = analyzeText(text, { settings, rules }).findings.filter((f) => f.fix);
const ruleIds = [...new Set(findings.map((f) => f.ruleId))].sort();
const out: string[] = [`# Kubeward quick fixes on ${shown}: each rule's fixes applied alone`, ''];
for (const id of ruleIds) {
  const own = findings.filter((f) => f.ruleId === id);
  const safety = own.some((f) => f.fix?.safety === 'unsafe') ? 'unsafe' : 'safe';
  const titles = [...new Set(own.map((f) => f.fix?.title))];
  const after = fixAll(text, { settings, rules, unsafe: true, ruleIds: new Set([id]) }).text;
  out.push(`## ${id} (${safety}; ${own.length} finding${own.length === 1 ? '' : 's'})`);
  for (const title of titles) out.push(`- ${title}`);
  out.push('', '```diff', unifiedDiff(shown, text, after).trimEnd(), '```', '');
}
const all = fixAll(text, { settings, rules }).text;
out.push(`## fix-all (safe fixes only, as on save)`, '', '```diff', unifiedDiff(shown, text, all).trimEnd(), '```', '');
process.stdout.write(out.join('\n'));
