import { docsUrl } from '../engine/docs';
import type { Rule } from '../engine/rule';
import { VERSION } from './version';

/** `id  severity  title`, padded into columns; one rule per line so that grep and cut work. */
export function formatRulesText(rules: readonly Rule[]): string {
  const idWidth = Math.max(...rules.map((rule) => rule.meta.id.length));
  const severityWidth = Math.max(...rules.map((rule) => rule.meta.severity.length));
  return rules.map((rule) => `${rule.meta.id.padEnd(idWidth)}  ${rule.meta.severity.padEnd(severityWidth)}  ${rule.meta.title}\n`).join('');
}

/** Every rule's metadata, for tools that build on the rule catalog. */
export function formatRulesJson(rules: readonly Rule[]): string {
  const list = rules.map(({ meta }) => ({
    id: meta.id,
    title: meta.title,
    severity: meta.severity,
    family: meta.family,
    layer: meta.layer,
    profile: meta.profile,
    ...(meta.pss ? { pss: meta.pss } : {}),
    ...(meta.fix ? { fix: meta.fix } : {}),
    docsUrl: docsUrl(meta.id),
    references: meta.references,
  }));
  return `${JSON.stringify({ version: VERSION, rules: list }, null, 2)}\n`;
}
