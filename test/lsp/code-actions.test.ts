import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { applyTextEdits, editsFor, LspClient, onlyRules, rangeOf } from '../harness/lsp-client';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: app
        image: nginx:1.27
        securityContext:
          privileged: true # needed?
      - name: sidecar
        image: busybox:1.36
`;

/** Both containers get the one safe fix; the unsafe findings stay. */
const SAFE_FIXED = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: app
        image: nginx:1.27
        securityContext:
          privileged: true # needed?
          allowPrivilegeEscalation: false
      - name: sidecar
        image: busybox:1.36
        securityContext:
          allowPrivilegeEscalation: false
`;

const ALL_FIXED = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: app
        image: nginx:1.27
        securityContext:
          privileged: false # needed?
          allowPrivilegeEscalation: false
          readOnlyRootFilesystem: true
          runAsNonRoot: true
          runAsUser: 10001
        volumeMounts:
        - name: tmp
          mountPath: /tmp
      - name: sidecar
        image: busybox:1.36
        securityContext:
          allowPrivilegeEscalation: false
          readOnlyRootFilesystem: true
          runAsNonRoot: true
          runAsUser: 10001
        volumeMounts:
        - name: tmp
          mountPath: /tmp
      volumes:
      - name: tmp
        emptyDir: {}
`;

/** The rules these expectations were written for; the catalog's others are off. */
const RULES = onlyRules('privilege-escalation', 'privileged', 'read-only-root-filesystem', 'run-as-non-root');

const WHOLE_FILE = { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } };

function only<T>(items: T[], what: string): T {
  assert.equal(items.length, 1, `expected exactly one ${what}, got ${items.length}`);
  return items[0]!;
}

describe('code actions (VS Code-like client: lazy resolve, versioned edits)', () => {
  let client: LspClient;
  const uri = 'file:///ws/actions/deployment.yaml';
  let diagnostics: Diagnostic[];
  const ofRule = (ruleId: string) => diagnostics.filter((d) => d.code === ruleId);

  before(async () => {
    client = await LspClient.start({ settings: { rules: RULES } });
    await client.open(uri, DEPLOYMENT);
    diagnostics = (await client.waitForDiagnostics(uri)).diagnostics;
  });

  after(() => client.kill());

  test('advertises quick fixes, source.fixAll.kubeward and resolve', () => {
    assert.deepEqual(client.initializeResult.capabilities.codeActionProvider, {
      codeActionKinds: ['quickfix', 'source.fixAll.kubeward'],
      resolveProvider: true,
    });
  });

  test('a safe quick fix: preferred, versioned, and its edit is the minimal change', async () => {
    const sidecar = ofRule('privilege-escalation')[1]!;
    const actions = await client.codeActions(uri, sidecar.range, [sidecar], ['quickfix']);
    const action = only(actions.filter((a) => a.title === 'Set allowPrivilegeEscalation to false'), 'quick fix');
    assert.equal(action.kind, 'quickfix');
    assert.equal(action.isPreferred, true);
    assert.deepEqual(action.diagnostics, [sidecar]);
    const { version, edits } = editsFor(action.edit, uri);
    assert.equal(version, 1, 'the edit is tied to the version the diagnostic was computed for');
    assert.equal(
      applyTextEdits(DEPLOYMENT, edits),
      DEPLOYMENT + '        securityContext:\n          allowPrivilegeEscalation: false\n',
    );
  });

  test('an unsafe quick fix is marked in its title and not preferred', async () => {
    const privileged = only(ofRule('privileged'), 'privileged diagnostic');
    const all = await client.codeActions(uri, privileged.range, [privileged]);
    const actions = all.filter((a) => !a.title.startsWith('Disable '));
    // Without a kind filter the whole-file source action comes too.
    assert.deepEqual(actions.map((a) => a.kind), ['quickfix', 'source.fixAll.kubeward']);
    const action = actions[0]!;
    assert.equal(action.title, 'Set privileged to false (unsafe)');
    assert.equal(action.isPreferred, false);
    assert.equal(applyTextEdits(DEPLOYMENT, editsFor(action.edit, uri).edits), DEPLOYMENT.replace('privileged: true', 'privileged: false'));
  });

  test('only Kubeward diagnostics with fix data count; messages are never read', async () => {
    const privileged = ofRule('privileged')[0]!;
    const foreign = { ...privileged, source: 'yaml' };
    const withoutData: Diagnostic = { ...privileged };
    delete withoutData.data;
    assert.deepEqual(await client.codeActions(uri, privileged.range, [foreign, withoutData], ['quickfix']), []);
    // A reworded message changes nothing: the fix comes from `data`.
    const reworded = { ...privileged, message: 'Something else entirely.' };
    const fixes = (await client.codeActions(uri, privileged.range, [reworded], ['quickfix'])).filter((a) => !a.title.startsWith('Disable '));
    assert.equal(only(fixes, 'action').title, 'Set privileged to false (unsafe)');
  });

  test('"Disable <rule> for this line" adds a directive above the flagged line, with its indentation', async () => {
    const privileged = only(ofRule('privileged'), 'privileged diagnostic');
    const actions = await client.codeActions(uri, privileged.range, [privileged], ['quickfix']);
    const action = only(actions.filter((a) => a.title === 'Disable privileged for this line'), 'line suppression');
    assert.equal(action.kind, 'quickfix');
    assert.equal(action.isPreferred, false);
    const { version, edits } = editsFor(action.edit, uri);
    assert.equal(version, 1);
    assert.deepEqual(edits, [{ range: { start: { line: 11, character: 0 }, end: { line: 11, character: 0 } }, newText: '          # kubeward-disable-next-line privileged -- \n' }]);
  });

  test('"Disable <rule> for <object> (annotation)" adds kubeward.io/ignore to the workload\'s own metadata', async () => {
    const sidecar = ofRule('privilege-escalation')[1]!;
    const actions = await client.codeActions(uri, sidecar.range, [sidecar], ['quickfix']);
    const action = only(actions.filter((a) => a.title === 'Disable privilege-escalation for Deployment "web" (annotation)'), 'object suppression');
    const { edits } = editsFor(action.edit, uri);
    assert.deepEqual(edits, [{ range: { start: { line: 3, character: 11 }, end: { line: 3, character: 11 } }, newText: '\n  annotations:\n    kubeward.io/ignore: privilege-escalation' }]);
  });

  test('suppressions are offered once per rule and line / object, never for stale or unused-suppression diagnostics', async () => {
    const both = ofRule('privilege-escalation');
    const actions = await client.codeActions(uri, WHOLE_FILE, both, ['quickfix']);
    assert.equal(actions.filter((a) => a.title.startsWith('Disable privilege-escalation for Deployment')).length, 1);
    assert.equal(actions.filter((a) => a.title === 'Disable privilege-escalation for this line').length, 2, 'two different lines');
    const stale = { ...both[0]!, data: { ...(both[0]!.data as object), version: 0 } };
    assert.deepEqual((await client.codeActions(uri, stale.range, [stale], ['quickfix'])).filter((a) => a.title.startsWith('Disable ')), []);
    const unused = { ...both[0]!, code: 'unused-suppression', data: { ...(both[0]!.data as object), ruleId: 'unused-suppression' } };
    delete (unused.data as { fix?: unknown }).fix;
    assert.deepEqual(await client.codeActions(uri, unused.range, [unused], ['quickfix']), []);
  });

  test('"Fix all <rule> problems in this file" for a rule with two safe fixes, resolved on demand', async () => {
    const first = ofRule('privilege-escalation')[0]!;
    const actions = await client.codeActions(uri, first.range, [first], ['quickfix']);
    const fixAll = only(actions.filter((a) => a.title === 'Fix all privilege-escalation problems in this file'), 'fix-all action');
    assert.equal(fixAll.kind, 'quickfix');
    assert.equal(fixAll.isPreferred, false);
    assert.equal(fixAll.edit, undefined, 'the whole-file edit waits for codeAction/resolve');
    const resolved = await client.resolveCodeAction(fixAll);
    const { version, edits } = editsFor(resolved.edit, uri);
    assert.equal(version, 1);
    assert.equal(edits.length, 1, 'one minimal edit');
    assert.equal(applyTextEdits(DEPLOYMENT, edits), SAFE_FIXED);
  });

  test('no fix-all for a rule with one finding, or whose fixes are unsafe and not opted in', async () => {
    const privileged = ofRule('privileged')[0]!;
    const runAsNonRoot = ofRule('run-as-non-root');
    assert.equal(runAsNonRoot.length, 2);
    const actions = await client.codeActions(uri, WHOLE_FILE, [privileged, ...runAsNonRoot], ['quickfix']);
    assert.deepEqual(actions.filter((a) => a.title.startsWith('Fix all')), []);
  });

  test('source.fixAll.kubeward applies every safe fix as one edit', async () => {
    const actions = await client.codeActions(uri, WHOLE_FILE, [], ['source.fixAll.kubeward']);
    const action = only(actions, 'source action');
    assert.equal(action.kind, 'source.fixAll.kubeward');
    const resolved = await client.resolveCodeAction(action);
    const { edits } = editsFor(resolved.edit, uri);
    assert.equal(edits.length, 1);
    assert.equal(applyTextEdits(DEPLOYMENT, edits), SAFE_FIXED);
  });

  test('the kind filter is honoured: "source" includes fix-all, "quickfix" does not', async () => {
    const source = await client.codeActions(uri, WHOLE_FILE, [], ['source']);
    assert.deepEqual(source.map((a) => a.kind), ['source.fixAll.kubeward']);
    const privileged = ofRule('privileged')[0]!;
    const quick = await client.codeActions(uri, privileged.range, [privileged], ['quickfix']);
    assert.ok(quick.every((a) => a.kind === 'quickfix'));
  });

  test('a fix offered for an old version stays tied to that version', async () => {
    const staleUri = 'file:///ws/actions/stale.yaml';
    await client.open(staleUri, DEPLOYMENT);
    const old = (await client.waitForDiagnostics(staleUri)).diagnostics.find((d) => d.code === 'privileged')!;
    await client.change(staleUri, 2, [{ range: rangeOf(DEPLOYMENT, '# needed?'), text: '' }]);
    await client.waitForDiagnostics(staleUri, (p) => p.version === 2);
    const action = only(await client.codeActions(staleUri, old.range, [old], ['quickfix']), 'action');
    // VS Code rejects an edit whose version is not the document's, instead of misapplying it.
    assert.equal(editsFor(action.edit, staleUri).version, 1);
  });
});

describe('code actions (plain client: eager edits, unversioned changes, unsafe fixes opted in)', () => {
  let client: LspClient;
  const uri = 'file:///ws/actions/plain.yaml';
  let diagnostics: Diagnostic[];

  before(async () => {
    client = await LspClient.start({ resolveEdit: false, documentChanges: false, settings: { rules: RULES, fix: { unsafe: true } } });
    await client.open(uri, DEPLOYMENT);
    diagnostics = (await client.waitForDiagnostics(uri)).diagnostics;
  });

  after(() => client.kill());

  const editedText = (action: CodeAction) => {
    assert.ok(action.edit?.changes, 'a client without documentChanges gets `changes`');
    return applyTextEdits(DEPLOYMENT, action.edit.changes[uri]!);
  };

  test('source.fixAll.kubeward with kubeward.fix.unsafe applies unsafe fixes too, edit included', async () => {
    const action = only(await client.codeActions(uri, WHOLE_FILE, [], ['source.fixAll.kubeward']), 'source action');
    assert.equal(editedText(action), ALL_FIXED);
  });

  test('with unsafe fixes opted in, an unsafe rule gets a fix-all marked unsafe', async () => {
    const runAsNonRoot = diagnostics.filter((d) => d.code === 'run-as-non-root');
    const actions = await client.codeActions(uri, runAsNonRoot[0]!.range, [runAsNonRoot[0]!], ['quickfix']);
    const fixAll = only(actions.filter((a) => a.title === 'Fix all run-as-non-root problems in this file (unsafe)'), 'fix-all action');
    assert.equal(
      editedText(fixAll),
      DEPLOYMENT.replace('# needed?\n', '# needed?\n          runAsNonRoot: true\n          runAsUser: 10001\n') +
        '        securityContext:\n          runAsNonRoot: true\n          runAsUser: 10001\n',
    );
  });
});

describe('code actions on text a fix would break', () => {
  let client: LspClient;
  after(() => client.kill());

  test('a quick fix that would leave the YAML unparseable is not offered', async () => {
    client = await LspClient.start({ settings: { rules: onlyRules('secret-env-var') } });
    const uri = 'file:///ws/actions/lone-cr.yaml';
    // A final lone CR is part of the last value for yaml; the secret-to-volume fix would break the document.
    const text =
      'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: p\r\nspec:\r\n  containers:\r\n    - name: c\r\n      image: nginx\r\n      env:\r\n' +
      '        - name: DB_USERNAME\r\n          valueFrom:\r\n            secretKeyRef:\r\n              name: db-user\r\n              key: db-username\r';
    await client.open(uri, text);
    const secretEnv = only((await client.waitForDiagnostics(uri)).diagnostics.filter((d) => d.code === 'secret-env-var'), 'secret-env-var diagnostic');
    const actions = await client.codeActions(uri, secretEnv.range, [secretEnv], ['quickfix']);
    assert.deepEqual(actions.filter((a) => a.title.startsWith('Mount Secret')), []);
    assert.ok(actions.some((a) => a.title.startsWith('Disable secret-env-var')), 'the other actions are still there');
  });
});
