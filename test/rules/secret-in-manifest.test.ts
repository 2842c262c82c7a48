import rule from '../../server/src/engine/rules/secret-in-manifest';
import { ruleTester } from '../harness/rule-tester';

const secret = (body: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n${body}`;

ruleTester.run(rule, {
  valid: [
    { name: 'no data', yaml: secret('type: Opaque\n') },
    { name: 'empty data map', yaml: secret('data: {}\n') },
    { name: 'empty values', yaml: secret('stringData:\n  password: ""\n  user:\n') },
    { name: 'placeholders filled in at deploy time', yaml: secret('stringData:\n  password: ${DB_PASSWORD}\n  token: "{{ .Values.token }}"\n  key: <api-key>\n') },
    { name: 'service account token Secret filled by the controller', yaml: secret('type: kubernetes.io/service-account-token\n') },
    { name: 'a SealedSecret is encrypted', yaml: 'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata: {name: db}\nspec:\n  encryptedData: {password: AgBy3i4OJSWK}\n' },
    { name: 'a CRD called Secret is something else', yaml: 'apiVersion: example.com/v1\nkind: Secret\nmetadata: {name: db}\ndata: {password: aHVudGVyMg==}\n' },
    { name: 'a ConfigMap is hardcoded-secret territory', yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {password: hunter2}\n' },
  ],
  invalid: [
    {
      name: 'data: the key is marked',
      errors: [{ line: 5, column: 1, endColumn: 5, message: 'Secret "db" stores 2 secret values in data, readable by anyone with this file.' }],
      yaml: `apiVersion: v1
kind: Secret
metadata: {name: db}
type: Opaque
data:
  username: YWRtaW4=
  password: aHVudGVyMg==
`,
    },
    {
      name: 'stringData and data both reported',
      errors: [
        { line: 4, column: 1, endColumn: 11, message: 'Secret "db" stores a secret value in stringData, readable by anyone with this file.' },
        { line: 6, column: 1, endColumn: 5, message: 'Secret "db" stores a secret value in data, readable by anyone with this file.' },
      ],
      yaml: `apiVersion: v1
kind: Secret
metadata: {name: db}
stringData:
  password: hunter22
data:
  token: dG9rZW4=
`,
    },
    { name: 'TLS Secret with a key', yaml: secret('type: kubernetes.io/tls\ndata:\n  tls.crt: LS0tLS1CRUdJTg==\n  tls.key: LS0tLS1CRUdJTg==\n'), errors: 1 },
    { name: 'flow style', yaml: secret('data: {password: aHVudGVyMg==}\n'), errors: 1 },
    { name: 'one real value among placeholders', yaml: secret('stringData:\n  a: ${A}\n  b: real-value\n'), errors: 1 },
    { name: 'in a List', yaml: 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Secret\n  metadata: {name: db}\n  data: {password: aHVudGVyMg==}\n', errors: 1 },
    { name: 'CRLF and a multi-document file', yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata:\n  k: dg==\n', errors: 1 },
  ],
});
