import type { Rule } from '../rule';
import hostNamespaces from './host-namespaces';
import imageLatestTag from './image-latest-tag';
import privilegeEscalation from './privilege-escalation';
import privileged from './privileged';
import readOnlyRootFilesystem from './read-only-root-filesystem';
import runAsNonRoot from './run-as-non-root';
import yamlSyntax from './yaml-syntax';

/** Every rule, sorted by id. An explicit list, so that bundling and review see each one. */
export const RULES: readonly Rule[] = [
  hostNamespaces,
  imageLatestTag,
  privilegeEscalation,
  privileged,
  readOnlyRootFilesystem,
  runAsNonRoot,
  yamlSyntax,
];

export const RULE_IDS: ReadonlySet<string> = new Set(RULES.map((rule) => rule.meta.id));

export function ruleById(id: string): Rule | undefined {
  return RULES.find((rule) => rule.meta.id === id);
}
