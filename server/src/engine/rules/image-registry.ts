import { DOCKER_HUB, parseImageRef, type ImageRef } from '../model/image-ref';
import { subSpan } from '../model/located';
import { defineRule } from '../rule';
import { MITRE, NSA } from '../references';

/** One entry of `kubeward.allowedRegistries`, normalized for matching. */
interface Allowed {
  /** Lower-case host with port; `*.example.com` matches any subdomain. */
  readonly host: string;
  /** Repository path prefix without slashes at either end; empty allows the whole registry. */
  readonly path: string;
}

function parseAllowed(entry: string): Allowed | undefined {
  const text = entry.trim().replace(/^[a-z]+:\/\//i, '').replace(/\/+$/, '');
  if (!text) return undefined;
  const slash = text.indexOf('/');
  let host = (slash === -1 ? text : text.slice(0, slash)).toLowerCase();
  // Users write Docker Hub under any of its names; references are normalized to docker.io.
  if (host === 'index.docker.io' || host === 'registry-1.docker.io' || host === 'hub.docker.com') host = DOCKER_HUB;
  return { host, path: slash === -1 ? '' : text.slice(slash + 1).replace(/^\/+/, '') };
}

function hostMatches(pattern: string, host: string): boolean {
  if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1;
  return pattern === host;
}

/** Path prefixes match whole components: `team` allows `team/app`, never `teamx/app`. */
export function isAllowed(ref: ImageRef, entries: readonly string[]): boolean {
  const host = ref.registry.toLowerCase();
  return entries.some((entry) => {
    const allowed = parseAllowed(entry);
    if (!allowed || !hostMatches(allowed.host, host)) return false;
    return !allowed.path || ref.repository === allowed.path || ref.repository.startsWith(`${allowed.path}/`);
  });
}

export default defineRule({
  meta: {
    id: 'image-registry',
    title: 'Image comes from a registry outside the allow list',
    severity: 'warning',
    family: 'images',
    layer: 'Code',
    // Inert until the user lists registries, so it can run in every profile without noise.
    profile: 'baseline',
    references: [NSA.images, MITRE.implantImage, MITRE.deployContainer],
    docs: {
      rationale:
        'Images from public or unknown registries bypass the scanning, signing and retention your own registry ' +
        'enforces, and a typo-squatted name pulls an attacker\'s image. Setting `kubeward.allowedRegistries` ' +
        'turns this rule on; every image must then come from a listed registry or repository prefix. The rule is ' +
        'off while the list is empty. Docker Hub defaults apply: `nginx` is `docker.io/library/nginx`.',
      remediation:
        'Mirror the image into an allowed registry and reference it there, or add the registry (`registry.example.com`), ' +
        'a repository prefix (`registry.example.com/team/`, `docker.io/library/`) or a wildcard host ' +
        '(`*.dkr.ecr.eu-west-1.amazonaws.com`) to `kubeward.allowedRegistries`. Enforce the same list in the ' +
        'cluster with an admission policy.',
      settings: { allowedRegistries: ['registry.example.com'] },
      bad: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27.3\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: registry.example.com/web/nginx:1.27.3\n',
    },
  },
  scope: 'container',
  check(container, _pod, { object, settings }) {
    const allowed = settings.allowedRegistries;
    const image = container.image;
    if (allowed.length === 0 || !image) return [];
    const parsed = parseImageRef(image.value);
    if (!parsed.ok || isAllowed(parsed.ref, allowed)) return [];
    const { ref } = parsed;
    const written = image.value.trimStart();
    const lead = image.value.length - written.length;
    const span = ref.explicitRegistry ? subSpan(image, lead, lead + written.indexOf('/')) : image.span;
    return [
      {
        span,
        path: image.path,
        message: `${container.label} in ${object.label} pulls "${image.value}" from ${ref.name}, which kubeward.allowedRegistries does not allow.`,
      },
    ];
  },
});
