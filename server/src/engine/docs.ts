import type { Reference, Rule, RuleMeta } from './rule';

/** Where rule documentation is published; `docs/rules/<id>.md` in the repository. */
export const DOCS_BASE = 'https://github.com/kubeward/kubeward/blob/main/docs/rules';

/** The documentation link of a rule; derived, so no rule can carry a broken one. */
export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE}/${ruleId}.md`;
}

const PROFILE_TEXT: Record<RuleMeta['profile'], string> = {
  baseline: 'every profile (`baseline`, `restricted`, `all`)',
  restricted: 'the `restricted` (default) and `all` profiles',
  all: 'the `all` profile only',
};

/** `CIS 5.2.2 — Minimize the admission of privileged containers`, linked when a URL is known. */
export function formatReference(ref: Reference): string {
  const label = `${ref.standard} ${ref.id}`;
  const text = ref.title && ref.title !== ref.id ? `${label} — ${ref.title}` : label;
  return ref.url ? `[${text}](${ref.url})` : text;
}

function fence(yaml: string): string {
  return ['```yaml', yaml.replace(/\n+$/, ''), '```'].join('\n');
}

/** The page `docs/rules/<id>.md`, generated from the rule's metadata. */
export function renderRulePage(meta: RuleMeta): string {
  const lines = [
    `# ${meta.id}`,
    '',
    `**${meta.title}**`,
    '',
    '| | |',
    '|---|---|',
    `| Default severity | ${meta.severity} |`,
    `| Family | ${meta.family} |`,
    `| 4C layer | ${meta.layer} |`,
    `| Runs in | ${PROFILE_TEXT[meta.profile]} |`,
    ...(meta.pss ? [`| Pod Security Standards | ${meta.pss.level}: ${meta.pss.control} |`] : []),
    `| Quick fix | ${meta.fix ? meta.fix : 'none'} |`,
    '',
    '## Why it matters',
    '',
    meta.docs.rationale,
    '',
    '## How to fix it',
    '',
    meta.docs.remediation,
    '',
  ];
  if (meta.fix && meta.docs.fixSafety) lines.push('## Quick fix', '', meta.docs.fixSafety, '');
  if (meta.references.length > 0) {
    lines.push('## Standards', '', ...meta.references.map((ref) => `- ${formatReference(ref)}`), '');
  }
  lines.push('## Example', '', 'Flagged:', '', fence(meta.docs.bad), '', 'Not flagged:', '', fence(meta.docs.good), '');
  lines.push(
    '## Configuration',
    '',
    `Change the severity or turn the rule off with the \`kubeward.rules\` setting or in \`.kubeward.yaml\`:`,
    '',
    fence(`rules:\n  ${meta.id}: off   # or error, warning, info, hint`),
    '',
  );
  return lines.join('\n');
}

/** RULES.md: one table of every rule, grouped by family. */
export function renderRulesIndex(rules: readonly Rule[]): string {
  const families = [...new Set(rules.map((rule) => rule.meta.family))];
  const lines = [
    '# Kubeward rules',
    '',
    '<!-- Generated from the rule metadata by `npm run docs`; do not edit. -->',
    '',
    `${rules.length} rules. Severity is the default; every rule can be re-levelled or turned off. ` +
      'Profiles: `baseline` runs the rules marked baseline, `restricted` (the default) adds those marked restricted, `all` adds the rest.',
    '',
  ];
  for (const family of families) {
    lines.push(`## ${family}`, '', '| Rule | Title | Severity | Profile | PSS | Fix |', '|---|---|---|---|---|---|');
    for (const { meta } of rules.filter((rule) => rule.meta.family === family)) {
      const pssText = meta.pss ? `${meta.pss.level}: ${meta.pss.control}` : '';
      lines.push(`| [${meta.id}](docs/rules/${meta.id}.md) | ${meta.title} | ${meta.severity} | ${meta.profile} | ${pssText} | ${meta.fix ?? ''} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
