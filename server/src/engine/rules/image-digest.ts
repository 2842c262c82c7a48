import { parseImageRef } from '../model/image-ref';
import { subSpan } from '../model/located';
import { defineRule } from '../rule';
import { MITRE, NSA } from '../references';

export default defineRule({
  meta: {
    id: 'image-digest',
    title: 'Image is not pinned by digest',
    severity: 'info',
    family: 'images',
    layer: 'Code',
    // Pinning every image needs tooling (Renovate, a digest-resolving CI step) that many teams do not
    // run; version tags are covered by image-latest-tag, so this stricter rule is `all` only.
    profile: 'all',
    references: [NSA.images, MITRE.implantImage],
    docs: {
      rationale:
        'A tag, even a version tag, can be moved to another image by anyone who can push to the repository. ' +
        'Only a digest (`@sha256:` and 64 hex digits) names the exact bytes that were reviewed and scanned, so ' +
        'a compromised registry or a re-pushed tag cannot change what runs.',
      remediation:
        'Append the digest of the image you tested: `nginx:1.27.3@sha256:<64 hex digits>`. The tag may stay ' +
        'for readability; the runtime uses the digest. Let a bot such as Renovate keep digests current.',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27.3\n',
      good:
        'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n' +
        '    image: nginx:1.27.3@sha256:0000000000000000000000000000000000000000000000000000000000000000\n',
    },
  },
  scope: 'container',
  check(container, _pod, { object }) {
    const image = container.image;
    if (!image) return [];
    const parsed = parseImageRef(image.value);
    // An unparseable reference cannot be pulled at all; that is a different problem.
    if (!parsed.ok || parsed.ref.digest) return [];
    const bad = parsed.ref.malformedDigest;
    if (bad !== undefined) {
      const at = image.value.lastIndexOf('@') + 1;
      return [
        {
          span: subSpan(image, at, at + bad.length),
          path: image.path,
          message: `${container.label} in ${object.label} uses image "${image.value}" whose digest is malformed (expected sha256: and 64 lower-case hex digits), so it is not pinned.`,
        },
      ];
    }
    return [
      {
        span: image.span,
        path: image.path,
        message: `${container.label} in ${object.label} uses image "${image.value}" without a digest, so the tag can be moved to other content.`,
      },
    ];
  },
});
