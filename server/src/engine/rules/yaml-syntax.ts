import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'yaml-syntax',
    title: 'YAML cannot be parsed',
    severity: 'error',
    family: 'parse',
    layer: 'Code',
    profile: 'baseline',
    references: [],
    docs: {
      rationale:
        'A document that does not parse cannot be checked, and the API server rejects it. Kubeward reports the first ' +
        'syntax error of each YAML document and still checks the other documents of the file.',
      remediation: 'Fix the syntax at the reported position: indentation, an unclosed bracket or quote, or a duplicate key.',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n',
    },
  },
  scope: 'engine',
});
