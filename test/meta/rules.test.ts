import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { RULES } from '../../server/src/engine/rules';
import { staleDocs } from '../../scripts/generate-docs';
import { findingsOf } from '../harness/rule-tester';

const root = path.resolve(__dirname, '..', '..', '..');
const sharedRuleIds = path.resolve(root, '..', 'shared', 'design', 'rule-ids.tsv');

describe('rule registry', () => {
  it('is sorted by id, with unique kebab-case ids', () => {
    const ids = RULES.map((rule) => rule.meta.id);
    assert.deepEqual(ids, [...ids].sort(), 'rules/index.ts lists rules in id order');
    assert.equal(new Set(ids).size, ids.length, 'ids are unique');
    for (const id of ids) assert.match(id, /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
  });

  it('uses only the ids of the design catalog', (t) => {
    if (!fs.existsSync(sharedRuleIds)) {
      t.skip(`${sharedRuleIds} is absent; cannot compare ids with the catalog`);
      return;
    }
    const catalog = new Set(
      fs.readFileSync(sharedRuleIds, 'utf8').split('\n').slice(1).map((line) => line.split('\t')[0]).filter(Boolean),
    );
    const controlPlane = /^(apiserver|controller-manager|scheduler|etcd|kubelet|encryption)-/;
    // Named by the suppression issue (#6) rather than the catalog.
    const fromIssues = new Set(['unused-suppression']);
    for (const { meta } of RULES) {
      assert.ok(catalog.has(meta.id) || controlPlane.test(meta.id) || fromIssues.has(meta.id), `"${meta.id}" is not in rule-ids.tsv`);
    }
  });
});

describe('every rule', () => {
  for (const rule of RULES) {
    const { meta } = rule;
    describe(meta.id, () => {
      it('lives in a file named after its id, with a test table', () => {
        assert.ok(fs.existsSync(path.join(root, 'server', 'src', 'engine', 'rules', `${meta.id}.ts`)), 'rule file');
        assert.ok(fs.existsSync(path.join(root, 'test', 'rules', `${meta.id}.test.ts`)), `test/rules/${meta.id}.test.ts exists`);
      });

      it('has a sentence-case title without a period, and full-sentence docs', () => {
        assert.match(meta.title, /^[A-Z0-9]/, 'title starts with a capital');
        assert.doesNotMatch(meta.title, /\.$/, 'title has no trailing period');
        for (const text of [meta.docs.rationale, meta.docs.remediation]) assert.match(text.trim(), /[.)`]$/, 'docs end like sentences');
        if (meta.fix) assert.ok(meta.docs.fixSafety, 'a fixable rule explains its fix safety');
        if (meta.family !== 'parse' && meta.family !== 'schema') assert.ok(meta.references.length > 0, 'maps to at least one standard');
      });

      it('flags its bad example and not its good one', () => {
        // Rules that are inert by default (image-registry) name the settings their examples need.
        const settings = meta.docs.settings as Record<string, unknown> | undefined;
        assert.ok(findingsOf(rule, meta.docs.bad, settings).length > 0, 'docs.bad yields a finding');
        assert.deepEqual(findingsOf(rule, meta.docs.good, settings).map((f) => f.message), [], 'docs.good yields none');
      });
    });
  }
});

describe('generated files', () => {
  it('RULES.md and docs/rules are up to date', () => {
    assert.deepEqual(staleDocs(root), [], 'run npm run docs locally and commit the updated files');
  });

  it("package.json's kubeward.rules setting lists every rule", () => {
    const stale = staleDocs(root).filter((file) => file.startsWith('package.json'));
    assert.deepEqual(stale, [], 'package.json kubeward.rules is stale: run npm run docs and commit');
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, { properties?: Record<string, { enum: string[]; description: string }> }> } };
    };
    const listed = pkg.contributes.configuration.properties['kubeward.rules']?.properties ?? {};
    assert.deepEqual(Object.keys(listed), RULES.map((rule) => rule.meta.id));
    for (const { meta } of RULES) assert.ok(listed[meta.id]?.description.includes(meta.severity), meta.id);
  });
});

describe('engine purity', () => {
  it('server/src/engine imports nothing from vscode', () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith('.ts') && /from ['"]vscode[^'"]*['"]|require\(['"]vscode/.test(fs.readFileSync(full, 'utf8'))) {
          offenders.push(path.relative(root, full));
        }
      }
    };
    walk(path.join(root, 'server', 'src', 'engine'));
    assert.deepEqual(offenders, []);
  });
});
