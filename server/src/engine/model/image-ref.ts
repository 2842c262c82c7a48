/**
 * Container image references, parsed by the grammar of distribution/reference (the one the
 * kubelet and container runtimes use), with Docker Hub's defaults made explicit.
 */
export interface ImageRef {
  /** As written. */
  readonly raw: string;
  /** Registry host with port, defaulted: `docker.io` when the reference names none. */
  readonly registry: string;
  /** Whether the registry was written in the reference. */
  readonly explicitRegistry: boolean;
  /** Repository path, with Docker Hub's `library/` added for official images. */
  readonly repository: string;
  readonly tag?: string;
  /** `sha256:<64 hex>` (or another algorithm); only set when well formed. */
  readonly digest?: string;
  /** The text after `@` when it is not a well-formed digest. */
  readonly malformedDigest?: string;
  /** `registry/repository`, the canonical name without tag or digest. */
  readonly name: string;
}

export type ImageParse = { readonly ok: true; readonly ref: ImageRef } | { readonly ok: false; readonly reason: string };

export const DOCKER_HUB = 'docker.io';

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DOMAIN = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?))*(?::[0-9]+)?$|^\[[0-9a-fA-F:.]+\](?::[0-9]+)?$/;
const DIGEST = /^([a-z0-9]+(?:[.+_-][a-z0-9]+)*):([a-zA-Z0-9=_-]+)$/;
const NAME_TOTAL_LENGTH_MAX = 255;
const HEX_LENGTH: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

function checkDigest(text: string): boolean {
  const match = DIGEST.exec(text);
  if (!match) return false;
  const algorithm = match[1] as string;
  const hex = match[2] as string;
  const length = HEX_LENGTH[algorithm];
  return length !== undefined && hex.length === length && /^[a-f0-9]+$/.test(hex);
}

/** Parses an image reference; malformed digests are kept aside rather than rejected. */
export function parseImageRef(raw: string): ImageParse {
  const text = raw.trim();
  if (!text) return { ok: false, reason: 'the image reference is empty' };
  let rest = text;
  let digest: string | undefined;
  let malformedDigest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    const candidate = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (checkDigest(candidate)) digest = candidate;
    else malformedDigest = candidate;
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.indexOf(':', lastSlash + 1);
  if (colon !== -1) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return { ok: false, reason: `"${tag}" is not a valid tag` };
  }
  const slash = rest.indexOf('/');
  let registry = DOCKER_HUB;
  let explicitRegistry = false;
  let repository = rest;
  if (slash !== -1) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase()) {
      if (!DOMAIN.test(first)) return { ok: false, reason: `"${first}" is not a valid registry host` };
      registry = first;
      explicitRegistry = true;
      repository = rest.slice(slash + 1);
    }
  }
  if (registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = DOCKER_HUB;
  if (!repository) return { ok: false, reason: 'the image reference names no repository' };
  for (const component of repository.split('/')) {
    if (!PATH_COMPONENT.test(component)) {
      return { ok: false, reason: `"${repository}" is not a valid repository name (lower case letters, digits and separators only)` };
    }
  }
  if (registry === DOCKER_HUB && !repository.includes('/')) repository = `library/${repository}`;
  // distribution/reference caps the normalized name (`docker.io/library/nginx`) at 255 characters;
  // registries reject longer names, so a longer one can never be pulled.
  if (registry.length + 1 + repository.length > NAME_TOTAL_LENGTH_MAX) {
    return { ok: false, reason: `the repository name is longer than ${NAME_TOTAL_LENGTH_MAX} characters` };
  }
  return {
    ok: true,
    ref: {
      raw,
      registry,
      explicitRegistry,
      repository,
      name: `${registry}/${repository}`,
      ...(tag !== undefined ? { tag } : {}),
      ...(digest !== undefined ? { digest } : {}),
      ...(malformedDigest !== undefined ? { malformedDigest } : {}),
    },
  };
}

/** The tag a runtime pulls: the written tag, or `latest` when there is neither tag nor digest. */
export function effectiveTag(ref: ImageRef): string | undefined {
  return ref.tag ?? (ref.digest ? undefined : 'latest');
}
