import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, test } from 'node:test';
import { FileChangeType, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { ServerCommands } from '../../server/src/protocol';
import { LspClient, onlyRules } from '../harness/lsp-client';

/**
 * Cross-object findings in the editor: a NetworkPolicy, ServiceAccount or Namespace label in one
 * file changes the findings of another, whether that file is open or was read by the workspace scan.
 */
const SETTINGS = {
  profile: 'baseline',
  // run-as-non-root stays unset: a baseline profile leaves it out unless a namespace label raises the level.
  rules: { ...onlyRules('network-policy-missing', 'run-as-non-root', 'service-account-missing', 'rbac-default-service-account-binding'), 'network-policy-missing': 'warning' },
};

const deployment = (namespace: string, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: ${namespace}
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
${extra}      containers:
      - name: app
        image: nginx:1.27
`;

const policy = (namespace: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: ${namespace}
spec:
  podSelector: {}
  policyTypes: [Ingress]
`;

const namespace = (name: string, level: string) => `apiVersion: v1
kind: Namespace
metadata:
  name: ${name}
  labels:
    pod-security.kubernetes.io/enforce: ${level}
`;

const codes = (params: PublishDiagnosticsParams) => params.diagnostics.map((d) => String(d.code)).sort();
const has = (code: string) => (params: PublishDiagnosticsParams) => codes(params).includes(code);
const lacks = (code: string) => (params: PublishDiagnosticsParams) => !codes(params).includes(code);

const dirs: string[] = [];
after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('cross-object findings between open documents', () => {
  test('within one file: a NetworkPolicy next to the Deployment counts; alone, the Deployment is flagged', async () => {
    const client = await LspClient.start({ settings: SETTINGS });
    try {
      await client.open('file:///cross/alone.yaml', deployment('shop'));
      const alone = await client.waitForDiagnostics('file:///cross/alone.yaml');
      assert.ok(has('network-policy-missing')(alone), JSON.stringify(codes(alone)));
      await client.open('file:///cross/both.yaml', `${deployment('other')}---\n${policy('other')}`);
      const both = await client.waitForDiagnostics('file:///cross/both.yaml');
      assert.ok(lacks('network-policy-missing')(both), JSON.stringify(codes(both)));
    } finally {
      await client.stop();
    }
  });

  test('a NetworkPolicy in another open document clears the finding; editing it away or closing it brings it back', async () => {
    const client = await LspClient.start({ settings: SETTINGS });
    const app = 'file:///cross/app.yaml';
    const net = 'file:///cross/net.yaml';
    try {
      await client.open(app, deployment('shop'));
      await client.waitForDiagnostics(app, has('network-policy-missing'));
      await client.open(net, policy('shop'));
      await client.waitUntil('app re-analysed without network-policy-missing', () => {
        const latest = client.latestDiagnostics(app);
        return latest && lacks('network-policy-missing')(latest) ? latest : undefined;
      });
      // A policy for another namespace does not count.
      await client.change(net, 2, [{ text: policy('elsewhere') }]);
      await client.waitUntil('finding back after the edit', () => {
        const latest = client.latestDiagnostics(app);
        return latest && has('network-policy-missing')(latest) ? latest : undefined;
      });
      await client.change(net, 3, [{ text: policy('shop') }]);
      await client.waitUntil('cleared again', () => {
        const latest = client.latestDiagnostics(app);
        return latest && lacks('network-policy-missing')(latest) ? latest : undefined;
      });
      const before = client.publishedFor(app).length;
      await client.close(net);
      const back = await client.waitUntil('finding back after closing', () => {
        const latest = client.latestDiagnostics(app);
        return client.publishedFor(app).length > before && latest && has('network-policy-missing')(latest) ? latest : undefined;
      });
      assert.equal(back.version, 1, 'the unchanged document was re-analysed, not edited');
    } finally {
      await client.stop();
    }
  });

  test('a Namespace labelled enforce: restricted raises its pods to the restricted level', async () => {
    const client = await LspClient.start({ settings: SETTINGS });
    const app = 'file:///cross/secure-app.yaml';
    const ns = 'file:///cross/secure-ns.yaml';
    try {
      await client.open(app, deployment('secure'));
      const first = await client.waitForDiagnostics(app);
      assert.ok(lacks('run-as-non-root')(first), 'baseline profile: no restricted rule');
      await client.open(ns, namespace('secure', 'restricted'));
      await client.waitUntil('restricted rules for the pods of the labelled namespace', () => {
        const latest = client.latestDiagnostics(app);
        return latest && has('run-as-non-root')(latest) ? latest : undefined;
      });
      await client.change(ns, 2, [{ text: namespace('secure', 'baseline') }]);
      await client.waitUntil('back to baseline', () => {
        const latest = client.latestDiagnostics(app);
        return latest && lacks('run-as-non-root')(latest) ? latest : undefined;
      });
    } finally {
      await client.stop();
    }
  });

  test('a ServiceAccount defined in another open document satisfies service-account-missing', async () => {
    const client = await LspClient.start({ settings: SETTINGS });
    const app = 'file:///cross/sa-app.yaml';
    try {
      await client.open('file:///cross/sa-other.yaml', 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: other\n  namespace: sa\n');
      await client.open(app, deployment('sa', '      serviceAccountName: web\n'));
      await client.waitForDiagnostics(app, has('service-account-missing'));
      await client.open('file:///cross/sa-web.yaml', 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n  namespace: sa\n');
      await client.waitUntil('service-account-missing cleared', () => {
        const latest = client.latestDiagnostics(app);
        return latest && lacks('service-account-missing')(latest) ? latest : undefined;
      });
    } finally {
      await client.stop();
    }
  });
});

describe('cross-object findings with files on disk (workspace scan)', () => {
  test('a NetworkPolicy saved in a scanned folder clears the open file\'s finding and the closed file\'s', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'kubeward-cross-'));
    dirs.push(root);
    writeFileSync(path.join(root, 'app.yaml'), deployment('shop'));
    writeFileSync(path.join(root, 'closed.yaml'), deployment('shop').replace('name: web', 'name: api'));
    const folder = pathToFileURL(root).href;
    const client = await LspClient.start({ settings: SETTINGS, workspaceFolders: [folder] });
    const app = pathToFileURL(path.join(root, 'app.yaml')).href;
    const closed = pathToFileURL(path.join(root, 'closed.yaml')).href;
    const policyFile = path.join(root, 'policy.yaml');
    try {
      await client.open(app, deployment('shop'));
      await client.waitForDiagnostics(app, has('network-policy-missing'));
      await client.executeCommand(ServerCommands.scanWorkspace);
      assert.ok(has('network-policy-missing')(client.latestDiagnostics(closed)!));

      writeFileSync(policyFile, policy('shop'));
      await client.filesChanged([{ uri: pathToFileURL(policyFile).href, type: FileChangeType.Created }]);
      await client.waitUntil('open file cleared by the file on disk', () => {
        const latest = client.latestDiagnostics(app);
        return latest && lacks('network-policy-missing')(latest) ? latest : undefined;
      });
      await client.waitUntil('closed file cleared too', () => {
        const latest = client.latestDiagnostics(closed);
        return latest && lacks('network-policy-missing')(latest) ? latest : undefined;
      });

      rmSync(policyFile);
      await client.filesChanged([{ uri: pathToFileURL(policyFile).href, type: FileChangeType.Deleted }]);
      await client.waitUntil('finding back after the deletion', () => {
        const latest = client.latestDiagnostics(app);
        return latest && has('network-policy-missing')(latest) ? latest : undefined;
      });
      await client.waitUntil('closed file flagged again', () => {
        const latest = client.latestDiagnostics(closed);
        return latest && has('network-policy-missing')(latest) ? latest : undefined;
      });
    } finally {
      await client.stop();
    }
  });

  test('a full scan analyses closed files with the other files\' facts', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'kubeward-cross-'));
    dirs.push(root);
    writeFileSync(path.join(root, 'app.yaml'), deployment('shop'));
    writeFileSync(path.join(root, 'policy.yaml'), policy('shop'));
    writeFileSync(path.join(root, 'ns.yaml'), namespace('shop', 'restricted'));
    const client = await LspClient.start({ settings: SETTINGS, workspaceFolders: [pathToFileURL(root).href] });
    try {
      await client.executeCommand(ServerCommands.scanWorkspace);
      const app = client.latestDiagnostics(pathToFileURL(path.join(root, 'app.yaml')).href);
      assert.ok(app, 'the closed file has diagnostics');
      assert.ok(lacks('network-policy-missing')(app), JSON.stringify(codes(app)));
      assert.ok(has('run-as-non-root')(app), 'the namespace label raised the level');
    } finally {
      await client.stop();
    }
  });
});
