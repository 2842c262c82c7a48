/** Where rule documentation is published; `docs/rules/<id>.md` in the repository. */
export const DOCS_BASE = 'https://github.com/kubeward/kubeward/blob/main/docs/rules';

/** The documentation link of a rule; derived, so no rule can carry a broken one. */
export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE}/${ruleId}.md`;
}
