import { parseImageRef } from '../model/image-ref';
import { subSpan } from '../model/located';
import { defineRule } from '../rule';
import { MITRE, NSA } from '../references';

export default defineRule({
  meta: {
    id: 'image-latest-tag',
    title: 'Image uses the latest tag or no tag',
    severity: 'warning',
    family: 'images',
    layer: 'Code',
    profile: 'baseline',
    references: [NSA.images, MITRE.implantImage],
    docs: {
      rationale:
        '`latest` (which is also what an image without a tag or digest means) points at whatever was pushed last. ' +
        'Two nodes can run different code under the same manifest, a rollback does not roll back, and a pushed ' +
        'malicious image is picked up by the next restart.',
      remediation: 'Use a specific version tag, and better, pin the digest: `nginx:1.27.3@sha256:…`.',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:latest\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27.3\n',
    },
  },
  scope: 'container',
  check(container, _pod, { object }) {
    const image = container.image;
    if (!image) return [];
    const parsed = parseImageRef(image.value);
    if (!parsed.ok || parsed.ref.digest) return [];
    const { tag } = parsed.ref;
    if (tag === undefined) {
      return [
        {
          span: image.span,
          path: image.path,
          message: `${container.label} in ${object.label} uses image "${image.value}" without a tag or digest, which means "latest".`,
        },
      ];
    }
    if (tag !== 'latest') return [];
    const tagAt = image.value.lastIndexOf(':') + 1;
    return [
      {
        span: subSpan(image, tagAt, tagAt + tag.length),
        path: image.path,
        message: `${container.label} in ${object.label} uses the mutable tag "latest" for image "${image.value}".`,
      },
    ];
  },
});
