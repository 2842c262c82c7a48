import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, deployment, schemaFindings, show, spanOf } from './helpers';

describe('schema validation: unknown fields', () => {
  const text = deployment(`
containers:
- name: app
  image: nginx:1.27
  securityContext:
    runAsNonroot: true # keep me
`);

  it('reports a misspelt security field once, on its key, with a rename fix', () => {
    const findings = schemaFindings(text);
    assert.deepEqual(show(text, findings), [
      'unknown-field "runAsNonroot": Field "runAsNonroot" is not part of Kubernetes SecurityContext; did you mean "runAsNonRoot"? A misspelt field has no effect.',
    ]);
    const [finding] = findings;
    assert.deepEqual(finding?.span, spanOf(text, 'runAsNonroot'));
    assert.equal(finding?.path, 'spec.template.spec.containers[0].securityContext.runAsNonroot');
    assert.equal(finding?.fix?.title, 'Rename to runAsNonRoot');
    assert.equal(finding?.fix?.safety, 'safe');
    const fixed = applyFix(text, finding as never);
    assert.equal(fixed, text.replace('runAsNonroot: true # keep me', 'runAsNonRoot: true # keep me'));
    assert.deepEqual(schemaFindings(fixed), []);
  });

  it('one typo gives exactly one finding, however deep', () => {
    for (const typo of ['allowPrivilegeEscalaton: false', 'readOnlyRootFileSystem: true', 'capabilities: {dorp: [ALL]}']) {
      const yaml = deployment(`containers:\n- name: app\n  securityContext:\n    ${typo}`);
      assert.equal(schemaFindings(yaml).length, 1, typo);
    }
  });

  it('a misspelt required field is one unknown field, not also a missing one', () => {
    const yaml = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  contianers:\n  - name: a\n';
    assert.deepEqual(show(yaml, schemaFindings(yaml)), [
      'unknown-field "contianers": Field "contianers" is not part of Kubernetes PodSpec; did you mean "containers"? A misspelt field has no effect.',
    ]);
  });

  it('offers no fix when the intended key is already there, or nothing is close', () => {
    const both = deployment('containers:\n- name: app\n  securityContext:\n    runAsNonRoot: true\n    runAsNonroot: true');
    const [finding] = schemaFindings(both);
    assert.equal(finding?.ruleId, 'unknown-field');
    assert.equal(finding?.fix, undefined);
    const far = deployment('containers:\n- name: app\n  securityContext:\n    sandboxed: true');
    assert.deepEqual(show(far, schemaFindings(far)), [
      'unknown-field "sandboxed": Field "sandboxed" is not part of Kubernetes SecurityContext, so it has no effect.',
    ]);
  });

  it('marks a guessed (not case-only) rename of a short name unsafe', () => {
    const yaml = deployment('containers:\n- name: app\n  imag: nginx');
    const [finding] = schemaFindings(yaml);
    assert.equal(finding?.fix?.title, 'Rename to image');
    assert.equal(finding?.fix?.safety, 'unsafe');
  });

  it('renames in flow style and quoted keys', () => {
    const yaml = deployment('containers:\n- {name: app, securityContext: {"runAsNonroot": true}}');
    const [finding] = schemaFindings(yaml);
    assert.deepEqual(finding?.span, spanOf(yaml, '"runAsNonroot"'));
    assert.match(applyFix(yaml, finding as never), /\{runAsNonRoot: true\}/);
  });
});

describe('schema validation: values', () => {
  it('reports wrong types on the value, with YAML hints', () => {
    const yaml = deployment(`
securityContext:
  runAsUser: "1000"
containers:
- name: app
  ports:
  - containerPort: "80"
  env:
  - {name: A, value: on}
  - {name: B, value: 8080}
`);
    assert.deepEqual(show(yaml, schemaFindings(yaml)), [
      'invalid-value "\\"1000\\"": Field "securityContext.runAsUser" must be an integer, not the string "1000"; write it without quotes.',
      'invalid-value "\\"80\\"": Field "ports[0].containerPort" must be an integer, not the string "80"; write it without quotes.',
      'invalid-value "on": Field "env[0].value" must be a string, not the boolean true; YAML 1.1 reads on as a boolean, so quote it: "on".',
      'invalid-value "8080": Field "env[1].value" must be a string, not the number 8080; quote it: "8080".',
    ]);
  });

  it('marks the key of a mapping or list of the wrong type, not every line of it', () => {
    const yaml = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    name: app\n    image: nginx\n';
    const findings = schemaFindings(yaml);
    assert.deepEqual(show(yaml, findings), ['invalid-value "containers": Field "spec.containers" must be a list, not a mapping.']);
  });

  it('accepts YAML 1.1 booleans where booleans belong', () => {
    const yaml = deployment('hostNetwork: no\nautomountServiceAccountToken: off\ncontainers:\n- name: app\n  securityContext: {privileged: No, runAsNonRoot: yes, readOnlyRootFilesystem: ON}');
    assert.deepEqual(show(yaml, schemaFindings(yaml)), []);
  });

  it('reports values outside an enum, with a suggestion', () => {
    const yaml = deployment(`
restartPolicy: always
securityContext:
  seccompProfile: {type: RuntimeDefualt}
containers:
- name: app
  imagePullPolicy: IfNotPresent
`);
    assert.deepEqual(show(yaml, schemaFindings(yaml)), [
      'invalid-value "always": Field "spec.restartPolicy" must be Always, OnFailure or Never, not the string "always"; did you mean "Always"? The API server rejects other values.',
      'invalid-value "RuntimeDefualt": Field "seccompProfile.type" must be RuntimeDefault, Unconfined or Localhost, not the string "RuntimeDefualt"; did you mean "RuntimeDefault"? The API server rejects other values.',
    ]);
  });

  it('accepts an empty string for an optional enum, as the API server defaults it', () => {
    const yaml = deployment('containers:\n- name: app\n  imagePullPolicy: ""');
    assert.deepEqual(schemaFindings(yaml), []);
  });

  it('reports missing required fields on the parent key', () => {
    const yaml = deployment('securityContext:\n  seccompProfile: {localhostProfile: x.json}\ncontainers:\n- image: nginx');
    assert.deepEqual(show(yaml, schemaFindings(yaml)), [
      'invalid-value "seccompProfile": Required field "type" is missing from Kubernetes SeccompProfile.',
      'invalid-value "image": Required field "name" is missing from Kubernetes Container.',
    ]);
    const findings = schemaFindings(yaml);
    assert.equal(findings[0]?.path, 'spec.template.spec.securityContext.seccompProfile.type');
  });

  it('accepts quantities as numbers and strings, and rejects malformed ones', () => {
    const ok = deployment('containers:\n- name: app\n  resources:\n    limits: {cpu: 1, memory: 512Mi}\n    requests: {cpu: "500m", memory: 1.5Gi, ephemeral-storage: 1e3}');
    assert.deepEqual(show(ok, schemaFindings(ok)), []);
    const bad = deployment('containers:\n- name: app\n  resources:\n    limits: {cpu: 1 core}');
    assert.deepEqual(show(bad, schemaFindings(bad)), [
      'invalid-value "1 core": Field "limits.cpu" must be a Kubernetes quantity such as 500m, 2 or 1Gi, not the string "1 core".',
    ]);
  });

  it('treats int-or-string fields as an integer or a string', () => {
    const ok = `apiVersion: apps/v1
kind: Deployment
metadata: {name: w}
spec:
  selector: {matchLabels: {a: b}}
  strategy: {rollingUpdate: {maxSurge: 1, maxUnavailable: 25%}}
  template:
    spec:
      containers:
      - name: app
        livenessProbe: {httpGet: {port: http}}
        readinessProbe: {tcpSocket: {port: 8080}}
`;
    assert.deepEqual(show(ok, schemaFindings(ok)), []);
    const bad = ok.replace('maxSurge: 1,', 'maxSurge: 1.5,');
    assert.deepEqual(show(bad, schemaFindings(bad)), [
      'invalid-value "1.5": Field "rollingUpdate.maxSurge" must be an integer or a string, not the number 1.5.',
    ]);
  });

  it('reads the document as the API server does: merge keys, nulls, timestamps', () => {
    const yaml = `apiVersion: v1
kind: Pod
metadata:
  name: p
  creationTimestamp: 2024-01-01T00:00:00Z
  annotations: null
spec:
  containers:
  - &base
    name: a
    image: nginx
    securityContext: &sc {runAsNonRoot: true}
  - <<: *base
    name: b
    securityContext:
      <<: *sc
      runAsUsr: 1000
`;
    assert.deepEqual(show(yaml, schemaFindings(yaml)), [
      'unknown-field "runAsUsr": Field "runAsUsr" is not part of Kubernetes SecurityContext; did you mean "runAsUser"? A misspelt field has no effect.',
    ]);
  });

  it('keeps __proto__ an ordinary key', () => {
    const yaml = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {__proto__: "x"}\n__proto__: {polluted: true}\n';
    assert.deepEqual(show(yaml, schemaFindings(yaml)), ['unknown-field "__proto__": Field "__proto__" is not part of Kubernetes ConfigMap, so it has no effect.']);
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  });

  it('gives up quietly on alias bombs', () => {
    const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: c}', 'x0: &a0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]'];
    for (let i = 1; i < 12; i++) lines.push(`x${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    const started = Date.now();
    assert.deepEqual(schemaFindings(`${lines.join('\n')}\n`), []);
    assert.ok(Date.now() - started < 2000, 'bounded');
  });
});

describe('schema validation: documents and kinds', () => {
  it('validates each document against its own kind', () => {
    const yaml = `apiVersion: v1
kind: Service
metadata: {name: s}
spec:
  type: ClusterIP
  ports: [{port: 80, targetPort: http}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  selector: {matchLabels: {a: b}}
  template:
    spec:
      containers: [{name: app, ports: [{containerPort: 80}]}]
      type: ClusterIP
---
apiVersion: v1
kind: ConfigMap
metadata: {name: c}
data: {replicas: "3"}
`;
    assert.deepEqual(show(yaml, schemaFindings(yaml)), [
      'unknown-field "type": Field "type" is not part of Kubernetes PodSpec, so it has no effect.',
    ]);
  });

  it('ignores unknown kinds and custom resources without a CRD', () => {
    const yaml = 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {anything: [goes]}\n---\napiVersion: v1\nkind: Config\nclusters: []\n';
    assert.deepEqual(schemaFindings(yaml), []);
  });

  it('recognises served versions it does not validate (autoscaling/v1, betas)', () => {
    const yaml = 'apiVersion: autoscaling/v1\nkind: HorizontalPodAutoscaler\nmetadata: {name: h}\nspec: {whatever: 1}\n---\napiVersion: flowcontrol.apiserver.k8s.io/v1beta3\nkind: FlowSchema\nmetadata: {name: f}\n';
    assert.deepEqual(schemaFindings(yaml), []);
  });

  it('reports a removed API version once, on the apiVersion', () => {
    const yaml = 'apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  bogus: true\n';
    assert.deepEqual(show(yaml, schemaFindings(yaml)), [
      'invalid-value "extensions/v1beta1": Kubernetes 1.16 removed Deployment from extensions/v1beta1, so the API server rejects this object; use apiVersion apps/v1.',
    ]);
    const psp = 'apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata: {name: p}\n';
    assert.match(show(psp, schemaFindings(psp))[0] ?? '', /Pod Security Admission/);
    const wrongGroup = 'apiVersion: v1\nkind: Deployment\nmetadata: {name: d}\n';
    assert.deepEqual(show(wrongGroup, schemaFindings(wrongGroup)), [
      'invalid-value "v1": Kubernetes 1.30 does not serve Deployment in v1; use apiVersion apps/v1.',
    ]);
  });

  it('suggests the kind for a misspelt built-in kind', () => {
    const yaml = 'apiVersion: apps/v1\nkind: Deploymnet\nmetadata: {name: d}\n';
    assert.deepEqual(show(yaml, schemaFindings(yaml)), ['invalid-value "Deploymnet": Kind "Deploymnet" does not exist in apps/v1; did you mean "Deployment"? The API server rejects the object.']);
  });

  it('validates the items of a kind: List, with paths from the document root', () => {
    const yaml = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: p}\n  spec:\n    containers: [{name: a, securityContext: {privilegd: true}}]\n';
    const [finding, ...rest] = schemaFindings(yaml);
    assert.equal(rest.length, 0);
    assert.equal(finding?.path, 'items[0].spec.containers[0].securityContext.privilegd');
    assert.deepEqual(finding?.span, spanOf(yaml, 'privilegd'));
  });

  it('leaves CRD schemas with x-kubernetes extensions and free-form defaults alone', () => {
    const yaml = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: things.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {plural: things, kind: Thing}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        x-kubernetes-validations: [{rule: "self.spec.a > 0", message: must be positive}]
        properties:
          spec:
            type: object
            x-kubernetes-preserve-unknown-fields: true
            default: {a: 1, nested: [true, "x"]}
            properties:
              a: {type: integer, x-kubernetes-int-or-string: true, enum: [1, "two"]}
              list: {type: array, x-kubernetes-list-type: map, x-kubernetes-list-map-keys: [name], items: {type: object}}
              extra: {type: object, additionalProperties: true}
`;
    assert.deepEqual(show(yaml, schemaFindings(yaml)), []);
  });
});

describe('schema validation: settings', () => {
  const yaml = deployment(`
containers:
- name: app
  imag: nginx
  securityContext:
    runAsNonroot: true
    runAsUser: "0"
  volumeMounts: [{name: v, mountPath: /x, readonly: true}]
  ports: [{containerPort: 80, protocl: TCP}]
serviceAccountNme: app
`);

  it('all reports every schema problem', () => {
    assert.equal(schemaFindings(yaml, 'all').length, 6);
  });

  it('security reports only security-relevant fields', () => {
    assert.deepEqual(
      schemaFindings(yaml, 'security').map((f) => yaml.slice(f.span.start, f.span.end)),
      ['runAsNonroot', '"0"', 'readonly', 'protocl', 'serviceAccountNme'],
    );
  });

  it('security still reports RBAC rules', () => {
    const role = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r, labls: {}}\nrules:\n- apiGroups: [""]\n  resources: [pods]\n  verb: [get]\n';
    assert.deepEqual(schemaFindings(role, 'security').map((f) => role.slice(f.span.start, f.span.end)), ['verb']);
    assert.equal(schemaFindings(role, 'all').length, 2);
  });

  it('off reports nothing', () => {
    assert.deepEqual(schemaFindings(yaml, 'off'), []);
  });
});
