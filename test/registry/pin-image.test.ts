import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyEdits } from '../../server/src/engine/apply';
import { analyzeText } from '../../server/src/engine/analyze';
import { DEFAULT_SETTINGS } from '../../server/src/engine/config';
import { Source, type Located } from '../../server/src/engine/model/located';
import { objectsOf } from '../../server/src/engine/model/objects';
import { readPodSpec } from '../../server/src/engine/model/pod-spec';
import { parseChunk } from '../../server/src/engine/parse';
import { pinImageEdit } from '../../server/src/engine/pin-image';
import { imageAt, imageTargets, unpinnedImages } from '../../server/src/registry/pin';

const DIGEST = `sha256:${'ab'.repeat(32)}`;
const OTHER = `sha256:${'cd'.repeat(32)}`;

/** The images of every container in a one-document manifest, located in `text`. */
function images(text: string): Located<string>[] {
  const [doc] = parseChunk(text);
  assert.ok(doc);
  const source = new Source(text, doc);
  return objectsOf(source).flatMap((object) => readPodSpec(object)?.containers.flatMap((c) => (c.image ? [c.image] : [])) ?? []);
}

/** Pins the first image and returns the new text, checking that it parses back to the expected value. */
function pin(text: string, digest = DIGEST, options: { dropTag?: boolean } = {}): { text: string; image: string } {
  const [image] = images(text);
  assert.ok(image, 'the manifest has an image');
  const result = pinImageEdit(image, digest, options);
  assert.ok(result.ok, result.ok ? '' : result.reason);
  const out = applyEdits(text, result.edits);
  const [reread] = images(out);
  assert.equal(reread?.value.trim(), result.image, 'the edited YAML reads back as the pinned image');
  return { text: out, image: result.image };
}

const pod = (imageLine: string, extra = ''): string =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web # the front end\nspec:\n  containers:\n  - name: app\n    ${imageLine}\n${extra}`;

describe('pinImageEdit', { timeout: 10_000 }, () => {
  test('appends the digest after the tag and changes nothing else', () => {
    const text = pod('image: nginx:1.27   # pinned by the release job', '    ports: [{containerPort: 80}]\n');
    const { text: out } = pin(text);
    assert.equal(out, text.replace('nginx:1.27', `nginx:1.27@${DIGEST}`));
    assert.match(out, /# pinned by the release job/);
    assert.match(out, /# the front end/);
  });

  test('keeps double and single quotes', () => {
    assert.equal(pin(pod('image: "nginx:1.27" # q')).text, pod(`image: "nginx:1.27@${DIGEST}" # q`));
    assert.equal(pin(pod("image: 'ghcr.io/team/app:v2'")).text, pod(`image: 'ghcr.io/team/app:v2@${DIGEST}'`));
  });

  test('works in flow style', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: app, image: nginx:1.27}]}\n';
    assert.equal(pin(text).text, text.replace('nginx:1.27', `nginx:1.27@${DIGEST}`));
  });

  test('works in a block scalar', () => {
    const text = pod('image: >-\n      registry.example.com:5000/team/app:1.0');
    assert.equal(pin(text).text, text.replace('app:1.0', `app:1.0@${DIGEST}`));
  });

  test('keeps CRLF line endings', () => {
    const text = pod('image: nginx:1.27 # c').replace(/\n/g, '\r\n');
    const out = pin(text).text;
    assert.equal(out, text.replace('nginx:1.27', `nginx:1.27@${DIGEST}`));
    assert.equal(out.split('\r\n').length, text.split('\r\n').length);
  });

  test('an image without a tag gets only the digest', () => {
    assert.equal(pin(pod('image: nginx')).image, `nginx@${DIGEST}`);
  });

  test('replaces a malformed digest, keeping the tag', () => {
    const { text, image } = pin(pod('image: nginx:1.27@sha256:deadbeef # half pasted'));
    assert.equal(image, `nginx:1.27@${DIGEST}`);
    assert.match(text, /# half pasted/);
  });

  test('replaces a different well-formed digest and is a no-op for the same one', () => {
    assert.equal(pin(pod(`image: nginx:1.27@${OTHER}`)).image, `nginx:1.27@${DIGEST}`);
    const [image] = images(pod(`image: nginx:1.27@${DIGEST}`));
    const result = pinImageEdit(image as Located<string>, DIGEST);
    assert.ok(result.ok);
    assert.deepEqual(result.edits, []);
  });

  test('can drop the tag', () => {
    const { text, image } = pin(pod('image: "localhost:5000/team/app:1.0" # x'), DIGEST, { dropTag: true });
    assert.equal(image, `localhost:5000/team/app@${DIGEST}`);
    assert.equal(text, pod(`image: "localhost:5000/team/app@${DIGEST}" # x`));
  });

  test('a registry port is not mistaken for a tag', () => {
    assert.equal(pin(pod('image: localhost:5000/app'), DIGEST, { dropTag: true }).image, `localhost:5000/app@${DIGEST}`);
  });

  test('rewrites an escaped scalar whole, in its quoting style', () => {
    const text = pod('image: "nginx\\x3a1.27"');
    const { text: out, image } = pin(text);
    assert.equal(image, `nginx:1.27@${DIGEST}`);
    assert.equal(out, pod(`image: "nginx:1.27@${DIGEST}"`));
  });

  test('refuses digests that are not digests (a registry answer must not inject YAML)', () => {
    const [image] = images(pod('image: nginx:1.27'));
    for (const bad of ['sha256:abc', `sha256:${'AB'.repeat(32)}`, `sha256:${'ab'.repeat(32)}\n  evil: true`, `md5:${'a'.repeat(32)}`]) {
      const result = pinImageEdit(image as Located<string>, bad);
      assert.equal(result.ok, false, bad);
    }
  });

  test('refuses an unparsable image', () => {
    const [image] = images(pod('image: Nginx:1.27'));
    const result = pinImageEdit(image as Located<string>, DIGEST);
    assert.equal(result.ok, false);
  });
});

describe('image targets in an analysed file', { timeout: 10_000 }, () => {
  const file =
    '# team manifests\n' +
    'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers:\n  - {name: a, image: "nginx:latest"}\n' +
    '---\n' +
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: b}\nspec:\n  template:\n    spec:\n      initContainers:\n' +
    `      - name: init\n        image: busybox@${OTHER}\n      containers:\n      - name: b\n        image: ghcr.io/team/b # no tag\n`;

  test('offsets map document-relative spans to the file', () => {
    const result = analyzeText(file, { settings: DEFAULT_SETTINGS });
    const targets = imageTargets(result.objects);
    assert.deepEqual(
      targets.map((t) => file.slice(t.offset + t.image.span.start, t.offset + t.image.span.end)),
      ['"nginx:latest"', `busybox@${OTHER}`, 'ghcr.io/team/b'],
    );
    assert.deepEqual(unpinnedImages(result.objects).map((t) => t.image.value), ['nginx:latest', 'ghcr.io/team/b']);
  });

  test('imageAt finds the image from a finding span that covers only the tag', () => {
    const result = analyzeText(file, { settings: DEFAULT_SETTINGS });
    const latest = result.findings.find((f) => f.ruleId === 'image-latest-tag' && /nginx/.test(f.message));
    assert.ok(latest, 'image-latest-tag flags nginx:latest');
    const target = imageAt(result.objects, latest.span);
    assert.equal(target?.image.value, 'nginx:latest');
    const second = file.indexOf('ghcr.io/team/b');
    assert.equal(imageAt(result.objects, { start: second + 3, end: second + 3 })?.image.value, 'ghcr.io/team/b');
    assert.equal(imageAt(result.objects, { start: 0, end: 5 }), undefined);
  });
});
