import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { LspClient, onlyRules, positionOf, rangeOf } from '../harness/lsp-client';

// markdown-it has no bundled types; it stands in for VS Code's renderer (marked) with GFM autolinks on.
const MarkdownIt = require('markdown-it') as new (options: object) => { render(text: string): string };
const markdown = new MarkdownIt({ html: true, linkify: true });

const RULES = onlyRules('privilege-escalation', 'privileged', 'read-only-root-filesystem', 'run-as-non-root');

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    runAsNonRoot: true
    seccompProfile:
      type: RuntimeDefault
  containers:
  - name: app
    image: nginx:1.27
    securityContext:
      privileged: true
      runAsUser: 1000
      capabilities:
        drop: [ALL]
`;

function source(hover: Hover | null): string {
  assert.ok(hover, 'expected a hover');
  assert.equal((hover.contents as MarkupContent).kind, 'markdown');
  return (hover.contents as MarkupContent).value;
}

/** What the user reads: the rendered hover as plain text, links as `text [-> href]`. */
function text(hover: Hover | null): string {
  const html = markdown.render(source(hover));
  return html
    .replace(/<a href="([^"]*)">(.*?)<\/a>/g, '$2 [-> $1]')
    .replace(/<li>/g, '- ')
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

describe('hover', () => {
  let client: LspClient;
  const uri = 'file:///ws/hover/pod.yaml';

  before(async () => {
    // A real debounce: hovers right after an edit must not wait for it or see old offsets.
    client = await LspClient.start({ settings: { rules: RULES }, debounceMs: 150 });
    await client.open(uri, POD);
    await client.waitForDiagnostics(uri);
  });

  after(() => client.kill());

  test('over a finding: title, message, rationale, layer, standard, references, fix and docs link', async () => {
    const hover = await client.hover(uri, positionOf(POD, 'privileged: true', 'privileged: '.length + 1));
    assert.deepEqual(hover?.range, rangeOf(POD, 'true', 2));
    const value = text(hover);
    for (const expected of [
      'Container runs privileged\n',
      'Container "app" in Pod "web" runs privileged, with full access to the host.',
      'Why it matters. A privileged container gets every Linux capability',
      '4C layer: Container',
      'Pod Security Standards, Baseline level: Privileged Containers',
      'Pod Security Standards: Privileged Containers [-> https://kubernetes.io/docs/concepts/security/pod-security-standards/]',
      'CIS 5.2.2: Minimize the admission of privileged containers',
      'MITRE ATT&CK T1611: Escape to Host [-> https://attack.mitre.org/techniques/T1611/]',
      'Quick fix (unsafe): Set privileged to false. Unsafe: a workload that really drives host devices',
      'Documentation [-> https://github.com/kubeward/kubeward/blob/main/docs/rules/privileged.md]',
    ]) {
      assert.ok(value.includes(expected), `hover lacks ${JSON.stringify(expected)}:\n${value}`);
    }
  });

  test("over a container's name: its effective security context and where each value comes from", async () => {
    const hover = await client.hover(uri, positionOf(POD, 'name: app', 'name: a'.length));
    // The `name: app` entry also carries the container's missing-setting findings.
    assert.deepEqual(hover?.range, rangeOf(POD, 'name: app'));
    const value = text(hover);
    for (const expected of [
      'Effective security context of app\n',
      '- privileged: true (set on the container, line 14)',
      '- runAsUser: 1000 (set on the container, line 15)',
      '- runAsNonRoot: true (inherited from the pod spec, line 7)',
      '- seccompProfile.type: RuntimeDefault (inherited from the pod spec, line 9)',
      "- runAsGroup: the image's group (Kubernetes default)",
      '- allowPrivilegeEscalation: true (Kubernetes default)',
      '- readOnlyRootFilesystem: false (Kubernetes default)',
      '- capabilities.drop: ALL (set on the container, line 17)',
      '- capabilities.add: none',
    ]) {
      assert.ok(value.includes(expected), `hover lacks ${JSON.stringify(expected)}:\n${value}`);
    }
    // Several findings on one spot are all shown.
    assert.ok(value.includes('Container allows privilege escalation\n'), value);
    assert.ok(value.includes('read-only-root-filesystem'), value);
  });

  test('over a rule id in a kubeward-disable comment: that rule', async () => {
    const commentedUri = 'file:///ws/hover/commented.yaml';
    const commented = POD.replace('      privileged: true\n', '      # kubeward-disable-next-line privileged -- a CNI agent\n      privileged: true\n');
    await client.open(commentedUri, commented);
    await client.waitForDiagnostics(commentedUri);
    const hover = await client.hover(commentedUri, positionOf(commented, 'privileged --', 3));
    const id = positionOf(commented, 'privileged --');
    assert.deepEqual(hover?.range, { start: id, end: { line: id.line, character: id.character + 'privileged'.length } });
    const value = text(hover);
    assert.ok(value.startsWith('Container runs privileged\nprivileged · error by default · Documentation'), value);
    assert.ok(value.includes('Why it matters. A privileged container'), value);
  });

  test('over a field without a finding: its description and type from the schema', async () => {
    const hover = await client.hover(uri, positionOf(POD, 'runAsNonRoot', 3));
    assert.deepEqual(hover?.range, rangeOf(POD, 'runAsNonRoot'));
    const value = text(hover);
    assert.ok(value.startsWith('runAsNonRoot boolean\nspec.securityContext.runAsNonRoot\nIndicates that the container must run as a non-root user.'), value);
    assert.ok(value.includes('Kubernetes 1.30 v1 Pod'), value);
    // On the value too, and allowed values when the schema has them.
    const type = text(await client.hover(uri, positionOf(POD, 'RuntimeDefault', 2)));
    assert.ok(type.startsWith('type string (required)\nspec.securityContext.seccompProfile.type\n'), type);
    assert.ok(type.includes('Allowed values: RuntimeDefault, Unconfined, Localhost'), type);
  });

  test('over a finding: every finding first, then the field doc', async () => {
    const value = text(await client.hover(uri, positionOf(POD, 'privileged: true', 'privileged: '.length + 1)));
    const finding = value.indexOf('Container runs privileged\n');
    const doc = value.indexOf('privileged boolean\nspec.containers[].securityContext.privileged\nRun container in privileged mode.');
    assert.ok(finding >= 0 && doc > finding, value);
  });

  test('nothing to say outside Kubernetes fields', async () => {
    const plainUri = 'file:///ws/hover/plain.yaml';
    const plain = 'name: build\non: [push]\n';
    await client.open(plainUri, plain);
    await client.waitForDiagnostics(plainUri);
    assert.equal(await client.hover(plainUri, positionOf(plain, 'build', 2)), null);
  });

  test('right after an edit, the hover reflects the new text', async () => {
    const editedUri = 'file:///ws/hover/edited.yaml';
    await client.open(editedUri, POD);
    await client.waitForDiagnostics(editedUri);
    await client.change(editedUri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# one\n# two\n' }]);
    const edited = `# one\n# two\n${POD}`;
    const hover = await client.hover(editedUri, positionOf(edited, 'privileged: true', 'privileged: '.length + 1));
    assert.deepEqual(hover?.range, rangeOf(edited, 'true', 2));
    assert.ok(text(hover).includes('Container runs privileged\n'));
  });

  test('manifest text cannot inject links, commands or HTML into the hover', async () => {
    const evilUri = 'file:///ws/hover/evil.yaml';
    const name = '[x](command:foo) <img src=x onerror=alert(1)> `code` https://evil.example';
    const evil = POD.replace('name: app', `name: ${JSON.stringify(name)}`);
    await client.open(evilUri, evil);
    await client.waitForDiagnostics(evilUri);
    for (const position of [positionOf(evil, 'privileged: true', 'privileged: '.length + 1), positionOf(evil, '[x]', 1)]) {
      const html = markdown.render(source(await client.hover(evilUri, position)));
      const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
      assert.deepEqual(hrefs.filter((href) => !href!.startsWith('https://github.com/kubeward/') && !href!.startsWith('https://attack.mitre.org/') && !href!.startsWith('https://kubernetes.io/')), []);
      assert.ok(!html.includes('<img'), html);
      // The name is still shown, as text.
      assert.ok(html.includes('[x](command:foo) &lt;img src=x onerror=alert(1)&gt;'), html);
    }
  });
});
