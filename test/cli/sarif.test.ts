// SARIF output, validated against the official SARIF 2.1.0 JSON Schema.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import Ajv from 'ajv-draft-04';
import { json, ROOT, run, shown, suppressedFixture, tempDir, type JsonReport } from './helpers';

/** The schema ships in this devDependency; it is draft-04, which plain Ajv 8 does not read. */
const SCHEMA = path.join(ROOT, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');

interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: {
    physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: SarifRegion };
    logicalLocations?: { name: string; fullyQualifiedName: string; kind: string }[];
  }[];
  partialFingerprints: Record<string, string>;
}
interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri: string;
  defaultConfiguration: { level: string };
  properties: { tags: string[]; 'security-severity': string };
}
interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; informationUri: string; rules: SarifRule[] } };
    invocations: { executionSuccessful: boolean; toolExecutionNotifications: { level: string; message: { text: string } }[] }[];
    originalUriBaseIds: Record<string, { uri: string }>;
    results: SarifResult[];
  }[];
}

function validator(): (data: unknown) => string[] {
  assert.ok(existsSync(SCHEMA), `The SARIF 2.1.0 schema is missing at ${SCHEMA}; run npm ci (it comes with @microsoft/jest-sarif).`);
  const ajv = new Ajv({ strict: false, unicodeRegExp: false, allErrors: true });
  // The schema names formats that Ajv leaves to plugins; check them here rather than ignore them.
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addFormat('uri-reference', (s: string) => !/\s/.test(s) && URL.canParse(s, 'file:///base/'));
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')) as object);
  return (data) => (validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`));
}

function sarif(args: string[], cwd = ROOT): { code: number | null; log: SarifLog } {
  const result = run(['scan', '--format', 'sarif', ...args], { cwd });
  return { code: result.code, log: json<SarifLog>(result) };
}

describe('SARIF', () => {
  const validate = validator();

  test('is valid SARIF 2.1.0 for findings, errors and skipped files', () => {
    const { code, log } = sarif([shown('two-problems.yaml'), shown('multi-doc-syntax-error.yaml'), shown('helm-chart'), 'missing.yaml']);
    assert.equal(code, 2);
    assert.deepEqual(validate(log), []);
    const [run0] = log.runs;
    assert.ok(run0);
    assert.equal(run0.invocations[0]?.executionSuccessful, false);
    const notes = run0.invocations[0]?.toolExecutionNotifications ?? [];
    assert.deepEqual(notes.map((n) => n.level), ['error', 'note']);
    assert.match(notes[0]?.message.text ?? '', /missing\.yaml: No such file or directory/);
    assert.match(notes[1]?.message.text ?? '', /helm-chart\/templates\/deployment\.yaml: Skipped: .*template syntax/);
  });

  test('describes the tool and every rule, with metadata GitHub code scanning reads', () => {
    const { log } = sarif([shown('hardened.yaml')]);
    assert.deepEqual(validate(log), []);
    const driver = log.runs[0]?.tool.driver;
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.equal(driver?.name, 'Kubeward');
    assert.equal(driver?.version, pkg.version);
    assert.match(driver?.informationUri ?? '', /^https:\/\//);
    const rules = json<{ rules: { id: string; title: string; severity: string }[] }>(run(['rules', '--format', 'json'])).rules;
    assert.deepEqual(driver?.rules.map((r) => r.id), rules.map((r) => r.id));
    const privileged = driver?.rules.find((r) => r.id === 'privileged');
    assert.ok(privileged);
    assert.equal(privileged.name, 'Privileged');
    assert.equal(privileged.shortDescription.text, 'Container runs privileged');
    assert.ok(privileged.fullDescription.text.length > 40);
    assert.match(privileged.help.markdown, /\*\*How to fix it\.\*\*/);
    assert.match(privileged.helpUri, /privileged/);
    assert.equal(privileged.defaultConfiguration.level, 'error');
    assert.ok(privileged.properties.tags.includes('security'));
    assert.ok(privileged.properties.tags.includes('PSS baseline'));
    const score = Number(privileged.properties['security-severity']);
    assert.ok(score > 0 && score <= 10, 'security-severity is a number from 0 to 10');
    assert.equal(log.runs[0]?.invocations[0]?.executionSuccessful, true);
  });

  test('results have 1-based regions matching the JSON ranges, relative URIs and resource names', () => {
    const { log } = sarif([shown('two-problems.yaml')]);
    const report = json<JsonReport>(run(['scan', '--format', 'json', shown('two-problems.yaml')]));
    const results = log.runs[0]?.results ?? [];
    const rules = log.runs[0]?.tool.driver.rules ?? [];
    assert.equal(results.length, report.findings.length);
    results.forEach((result, i) => {
      const finding = report.findings[i];
      assert.ok(finding);
      assert.equal(result.ruleId, finding.rule);
      assert.equal(rules[result.ruleIndex]?.id, result.ruleId, 'ruleIndex points at the rule');
      assert.equal(result.level, 'error');
      assert.equal(result.message.text, finding.message);
      const location = result.locations[0];
      assert.deepEqual(location?.physicalLocation.artifactLocation, { uri: shown('two-problems.yaml'), uriBaseId: '%SRCROOT%' });
      assert.deepEqual(location?.physicalLocation.region, {
        startLine: finding.range.start.line + 1,
        startColumn: finding.range.start.character + 1,
        endLine: finding.range.end.line + 1,
        endColumn: finding.range.end.character + 1,
      });
      assert.equal(location?.logicalLocations?.[0]?.fullyQualifiedName, 'shop/Deployment/api');
    });
    assert.equal(log.runs[0]?.originalUriBaseIds['%SRCROOT%']?.uri, `${new URL(`file://${ROOT}/`).href}`);
  });

  test('info and hint findings become notes', () => {
    const { log } = sarif(['--rule', 'privileged=info', '--rule', 'host-namespaces=hint', shown('two-problems.yaml')]);
    assert.deepEqual(log.runs[0]?.results.map((r) => r.level), ['note', 'note']);
    assert.deepEqual(validate(log), []);
  });

  test('fingerprints stay the same when lines move, and differ between findings', () => {
    const dir = tempDir();
    const original = readFileSync(path.join(ROOT, 'test', 'fixtures', 'cli', 'two-problems.yaml'), 'utf8');
    writeFileSync(path.join(dir, 'app.yaml'), original);
    const before = sarif(['app.yaml'], dir).log.runs[0]?.results.map((r) => r.partialFingerprints) ?? [];
    writeFileSync(path.join(dir, 'app.yaml'), `# a new comment\n# and another\n${original}`);
    const afterRun = sarif(['app.yaml'], dir).log.runs[0]?.results ?? [];
    assert.equal(afterRun[0]?.locations[0]?.physicalLocation.region.startLine, 57, 'the finding moved down two lines');
    assert.deepEqual(afterRun.map((r) => r.partialFingerprints), before);
    assert.equal(new Set(before.map((f) => JSON.stringify(f))).size, before.length);
  });

  test('--show-suppressed marks suppressed results with their justification', () => {
    const dir = suppressedFixture();
    const plain = sarif(['agent.yaml'], dir).log;
    assert.deepEqual(plain.runs[0]?.results.map((r) => r.ruleId), ['host-namespaces']);
    const { log } = sarif(['--show-suppressed', 'agent.yaml'], dir);
    assert.deepEqual(validate(log), []);
    const results = (log.runs[0]?.results ?? []) as (SarifResult & { suppressions?: { kind: string; justification?: string }[] })[];
    assert.deepEqual(results.map((r) => [r.ruleId, r.suppressions?.map((s) => [s.kind, s.justification])]), [
      ['host-namespaces', undefined],
      ['privileged', [['inSource', 'the node agent needs raw devices']]],
    ]);
  });

  test('file names with spaces and # are percent-encoded URI references', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'my app #1.yaml'), readFileSync(path.join(ROOT, 'test', 'fixtures', 'cli', 'two-problems.yaml')));
    const { log } = sarif(['.'], dir);
    assert.deepEqual(validate(log), []);
    assert.equal(log.runs[0]?.results[0]?.locations[0]?.physicalLocation.artifactLocation.uri, 'my%20app%20%231.yaml');
  });
});
