import rule from '../../server/src/engine/rules/invalid-value';
import { pod, ruleTester } from '../harness/rule-tester';

ruleTester.run(rule, {
  valid: [
    { name: 'well-typed values', yaml: pod('securityContext: {runAsUser: 1000, runAsNonRoot: yes}\ncontainers:\n- name: app\n  image: nginx:1.27\n  resources: {limits: {cpu: 1, memory: 1Gi}}') },
    { name: 'a custom resource without its CRD', yaml: 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {replicas: "many"}\n' },
    { name: 'an autoscaling/v1 HPA is served, though not validated', yaml: 'apiVersion: autoscaling/v1\nkind: HorizontalPodAutoscaler\nmetadata: {name: h}\nspec: {maxReplicas: "3"}\n' },
    { name: 'schema validation off', yaml: pod('containers:\n- name: app\n  securityContext: {runAsUser: "1000"}'), settings: { schemaValidation: 'off' } },
    { name: 'security mode skips other fields', yaml: pod('containers:\n- name: app\n  imagePullPolicy: Sometimes'), settings: { schemaValidation: 'security' } },
  ],
  invalid: [
    {
      name: 'a quoted number',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app
    securityContext:
      runAsUser: "1000"
#                ^^^^^^ error invalid-value: Field "securityContext.runAsUser" must be an integer, not the string "1000"; write it without quotes.
`,
    },
    {
      name: 'a value outside the enum',
      yaml: pod('securityContext:\n  seccompProfile: {type: unconfined}\ncontainers: [{name: app}]'),
      errors: [{ line: 7, column: 28, message: 'Field "seccompProfile.type" must be RuntimeDefault, Unconfined or Localhost, not the string "unconfined"; did you mean "Unconfined"? The API server rejects other values.' }],
    },
    {
      name: 'a missing required field',
      yaml: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      containers: [{name: app}]\n',
      errors: [{ line: 4, column: 1, message: 'Required field "selector" is missing from Kubernetes DeploymentSpec.' }],
    },
    {
      name: 'a removed API version',
      yaml: 'apiVersion: networking.k8s.io/v1beta1\nkind: Ingress\nmetadata: {name: i}\n',
      errors: [{ line: 1, column: 13, message: 'Kubernetes 1.22 removed Ingress from networking.k8s.io/v1beta1, so the API server rejects this object; use apiVersion networking.k8s.io/v1.' }],
    },
    {
      name: 'YAML 1.1 reads on as a boolean',
      yaml: pod('containers:\n- name: app\n  env: [{name: FEATURE, value: on}]'),
      settings: { schemaValidation: 'all' },
      errors: 1,
    },
    {
      name: 'security mode keeps security fields',
      yaml: pod('hostPID: "true"\ncontainers: [{name: app}]'),
      settings: { schemaValidation: 'security' },
      errors: 1,
    },
  ],
});
