import { parseImageRef } from '../model/image-ref';
import { getString } from '../model/located';
import { containerPath } from '../model/pod-spec';
import { defineRule } from '../rule';
import { MITRE, NSA } from '../references';

export default defineRule({
  meta: {
    id: 'image-pull-policy',
    title: 'Mutable image is not always pulled',
    severity: 'info',
    family: 'images',
    layer: 'Code',
    // Opinionated: IfNotPresent is a sane default for version tags that are never re-pushed, so
    // the rule only runs in the `all` profile.
    profile: 'all',
    references: [NSA.images, MITRE.implantImage],
    fix: 'safe',
    docs: {
      rationale:
        'With `IfNotPresent` or `Never`, a node runs whatever image it already holds under the tag. A re-pushed ' +
        'tag then runs different code on different nodes, and on a shared node a pod can start a private image ' +
        'that another tenant pulled with credentials this pod does not have. `Always` makes the kubelet resolve ' +
        'the tag and check pull credentials at every start. Images pinned by digest are immutable and exempt, ' +
        'and so is an image without a tag or with `latest`, for which Kubernetes already defaults to `Always`.',
      remediation:
        'Set `imagePullPolicy: Always`, or better, pin the image by digest (`image: app:1.2@sha256:…`), after ' +
        'which `IfNotPresent` is safe.',
      fixSafety:
        'Safe when it replaces `IfNotPresent` or adds the missing field: `Always` still reuses cached layers when ' +
        'the digest has not changed, it only asks the registry first. Replacing `Never` is offered as unsafe, ' +
        'because such images are usually side-loaded onto the nodes and cannot be pulled.',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27.3\n    imagePullPolicy: IfNotPresent\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27.3\n    imagePullPolicy: Always\n',
    },
  },
  scope: 'container',
  check(container, _pod, { fixer, object }) {
    const image = container.image;
    if (!image) return [];
    const parsed = parseImageRef(image.value);
    if (!parsed.ok || parsed.ref.digest) return [];
    const policy = getString(container.map, 'imagePullPolicy');
    const title = 'Set imagePullPolicy to Always';
    if (policy) {
      // Unknown values are rejected by the API server; that is the schema rules' finding.
      if (policy.value !== 'IfNotPresent' && policy.value !== 'Never') return [];
      return [
        {
          span: policy.span,
          path: policy.path,
          message: `${container.label} in ${object.label} uses imagePullPolicy ${policy.value} for the mutable image "${image.value}", so nodes may run a stale or unauthorised copy.`,
          fix: { title, safety: policy.value === 'Never' ? 'unsafe' : 'safe', edits: fixer.replaceValue(policy, 'Always') },
        },
      ];
    }
    // Kubernetes defaults the policy to Always for `latest` and untagged images.
    if (parsed.ref.tag === undefined || parsed.ref.tag === 'latest') return [];
    return [
      {
        span: container.anchorSpan,
        path: containerPath(container, 'imagePullPolicy'),
        message: `${container.label} in ${object.label} defaults to imagePullPolicy IfNotPresent for the mutable image "${image.value}", so nodes may run a stale or unauthorised copy.`,
        fix: { title, safety: 'safe', edits: fixer.setKey(container.map, ['imagePullPolicy'], 'Always') },
      },
    ];
  },
});
