import rule from '../../server/src/engine/rules/yaml-syntax';
import { ruleTester } from '../harness/rule-tester';

ruleTester.run(rule, {
  valid: [
    { name: 'well-formed', yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n' },
    { name: 'empty file', yaml: '' },
    { name: 'only comments', yaml: '# nothing here\n' },
    { name: 'template syntax is a notice, not a syntax error', yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Values.name }}\n  labels: {{- include "x" . | nindent 4 }}\n' },
  ],
  invalid: [
    {
      name: 'unclosed flow map',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p\n',
      errors: [{ line: 4, column: 1, message: 'The YAML cannot be parsed: Flow map in block collection must be sufficiently indented and end with a }.' }],
    },
    {
      name: 'duplicate key',
      yaml: 'apiVersion: v1\nkind: Pod\nkind: Service\n',
      errors: [{ line: 3, column: 1, message: 'The YAML cannot be parsed: Map keys must be unique.' }],
    },
    {
      name: 'one error per broken document; the others are still read',
      yaml: 'a: [\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: ok}\n---\nb: {\n',
      errors: 2,
    },
    {
      name: 'tab indentation',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n\tname: p\n',
      errors: 1,
    },
  ],
});
