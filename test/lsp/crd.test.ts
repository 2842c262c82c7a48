import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { FileChangeType, type MarkupContent, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { ServerCommands } from '../../server/src/protocol';
import { LspClient, positionOf } from '../harness/lsp-client';

const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: crontabs.stable.example.com
spec:
  group: stable.example.com
  names: {kind: CronTab, plural: crontabs, singular: crontab}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              cronSpec:
                type: string
                description: When to run, in cron syntax (see [docs](command:evil)).
              image: {type: string}
`;

const CRONTAB = `apiVersion: stable.example.com/v1
kind: CronTab
metadata:
  name: nightly
spec:
  cronSpec: "0 3 * * *"
  imagee: backup:1.0
`;

// Only the schema rules: the test is about which schema a custom resource is validated against.
const SETTINGS = { profile: 'baseline', rules: { 'unknown-field': 'error', 'invalid-value': 'error' } };

const unknownFields = (params: PublishDiagnosticsParams) => params.diagnostics.filter((d) => d.code === 'unknown-field');

describe('custom resource definitions in the workspace', () => {
  let client: LspClient;
  let root: string;

  before(async () => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kubeward-crd-')));
    fs.mkdirSync(path.join(root, 'crds'));
    fs.writeFileSync(path.join(root, 'crds', 'crontab.yaml'), CRD.replace(/CronTab/g, 'DiskTab').replace('crontab', 'disktab').replace('crontabs', 'disktabs'));
    fs.writeFileSync(path.join(root, 'nightly.yaml'), CRONTAB.replace('CronTab', 'DiskTab'));
    client = await LspClient.start({ workspaceFolders: [pathToFileURL(root).href], settings: SETTINGS });
  });

  after(() => {
    client.kill();
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('a CRD in an open document validates and documents custom resources in another; closing it forgets it', async () => {
    const crUri = 'file:///elsewhere/crontab.yaml';
    const crdUri = 'file:///elsewhere/crd.yaml';
    await client.open(crUri, CRONTAB);
    assert.deepEqual(unknownFields(await client.waitForDiagnostics(crUri)), [], 'an unknown kind is not an error');

    await client.open(crdUri, CRD);
    const reported = unknownFields(await client.waitForDiagnostics(crUri, (p) => unknownFields(p).length > 0));
    assert.equal(reported.length, 1);
    assert.deepEqual(reported[0]!.range.start, positionOf(CRONTAB, 'imagee'));

    // The CRD's description is shown, escaped: it comes from a workspace file.
    const hover = await client.hover(crUri, positionOf(CRONTAB, 'cronSpec', 2));
    const value = (hover?.contents as MarkupContent).value;
    assert.ok(value.startsWith('**cronSpec** `string`\n\n`spec.cronSpec`\n\nWhen to run\\, in cron syntax'), value);
    assert.ok(!value.includes('](command:'), value);
    assert.ok(value.includes('CustomResourceDefinition crontabs\\.stable\\.example\\.com'), value);

    await client.close(crdUri);
    await client.waitUntil('the custom resource unvalidated again', () => {
      const latest = client.latestDiagnostics(crUri);
      return latest && unknownFields(latest).length === 0 ? latest : undefined;
    });
    assert.equal(await client.hover(crUri, positionOf(CRONTAB, 'cronSpec', 2)), null);
    await client.close(crUri);
  });

  test('a CRD on disk found by the workspace scan validates custom resources, open and closed', async () => {
    const openUri = 'file:///elsewhere/disktab.yaml';
    const openText = CRONTAB.replace('CronTab', 'DiskTab');
    await client.open(openUri, openText);
    assert.deepEqual(unknownFields(await client.waitForDiagnostics(openUri)), []);

    await client.executeCommand(ServerCommands.scanWorkspace);
    const open = unknownFields(await client.waitForDiagnostics(openUri, (p) => unknownFields(p).length > 0));
    assert.deepEqual(open[0]!.range.start, positionOf(openText, 'imagee'));
    // The closed file was analysed by a worker thread, which was given the CRD.
    const closedUri = pathToFileURL(path.join(root, 'nightly.yaml')).href;
    const closed = client.latestDiagnostics(closedUri);
    assert.ok(closed && unknownFields(closed).length === 1, JSON.stringify(closed));

    // Deleting the CRD's file forgets it.
    const crdFile = path.join(root, 'crds', 'crontab.yaml');
    fs.rmSync(crdFile);
    await client.filesChanged([{ uri: pathToFileURL(crdFile).href, type: FileChangeType.Deleted }]);
    await client.waitUntil('the open custom resource unvalidated again', () => {
      const latest = client.latestDiagnostics(openUri);
      return latest && unknownFields(latest).length === 0 ? latest : undefined;
    });
    await client.waitUntil('the closed custom resource re-scanned without the CRD', () => {
      const latest = client.latestDiagnostics(closedUri);
      return latest && unknownFields(latest).length === 0 ? latest : undefined;
    });
  });
});
