import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

/**
 * Pushes tiny images to a registry over plain HTTP with fetch, by the OCI distribution push flow
 * (blob upload, then manifest PUT). The expected digest is the sha256 of exactly the bytes sent.
 */
export interface PushedManifest {
  readonly digest: string;
  readonly mediaType: string;
  readonly size: number;
  readonly bytes: Buffer;
}

export interface PushOptions {
  /** `Bearer …` for a registry in token mode. */
  readonly authorization?: string;
}

export type ImageFormat = 'oci' | 'docker';

const TYPES = {
  oci: {
    manifest: 'application/vnd.oci.image.manifest.v1+json',
    config: 'application/vnd.oci.image.config.v1+json',
    layer: 'application/vnd.oci.image.layer.v1.tar+gzip',
  },
  docker: {
    manifest: 'application/vnd.docker.distribution.manifest.v2+json',
    config: 'application/vnd.docker.container.image.v1+json',
    layer: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  },
} as const;

export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';

export function sha256(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** A one-file ustar archive, enough for a registry to accept as a layer. */
export function tarOneFile(name: string, content: Buffer): Buffer {
  const header = Buffer.alloc(512, 0);
  const write = (text: string, offset: number, length: number): void => {
    header.write(text.slice(0, length), offset, 'ascii');
  };
  const octal = (value: number, length: number): string => `${value.toString(8).padStart(length - 1, '0')}\0`;
  write(name, 0, 100);
  write(octal(0o644, 8), 100, 8);
  write(octal(0, 8), 108, 8);
  write(octal(0, 8), 116, 8);
  write(octal(content.length, 12), 124, 12);
  write(octal(0, 12), 136, 12);
  write('        ', 148, 8);
  write('0', 156, 1);
  write('ustar\u000000', 257, 8);
  let sum = 0;
  for (const byte of header) sum += byte;
  write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8);
  const padding = Buffer.alloc((512 - (content.length % 512)) % 512, 0);
  return Buffer.concat([header, content, padding, Buffer.alloc(1024, 0)]);
}

function headers(options: PushOptions, extra: Record<string, string> = {}): Record<string, string> {
  return { ...extra, ...(options.authorization ? { authorization: options.authorization } : {}) };
}

export async function pushBlob(baseUrl: string, name: string, bytes: Buffer, options: PushOptions = {}): Promise<string> {
  const digest = sha256(bytes);
  const start = await fetch(`${baseUrl}/v2/${name}/blobs/uploads/`, { method: 'POST', headers: headers(options) });
  if (start.status !== 202) throw new Error(`blob upload start for ${name}: HTTP ${start.status} ${await start.text()}`);
  const location = start.headers.get('location');
  if (!location) throw new Error('blob upload start gave no Location');
  const target = new URL(location, baseUrl);
  target.searchParams.set('digest', digest);
  const put = await fetch(target, {
    method: 'PUT',
    headers: headers(options, { 'content-type': 'application/octet-stream' }),
    body: bytes,
  });
  if (put.status !== 201) throw new Error(`blob PUT for ${name}: HTTP ${put.status} ${await put.text()}`);
  return digest;
}

export async function pushManifest(
  baseUrl: string,
  name: string,
  reference: string,
  bytes: Buffer,
  mediaType: string,
  options: PushOptions = {},
): Promise<PushedManifest> {
  const response = await fetch(`${baseUrl}/v2/${name}/manifests/${reference}`, {
    method: 'PUT',
    headers: headers(options, { 'content-type': mediaType }),
    body: bytes,
  });
  if (response.status !== 201) throw new Error(`manifest PUT ${name}:${reference}: HTTP ${response.status} ${await response.text()}`);
  return { digest: sha256(bytes), mediaType, size: bytes.length, bytes };
}

export interface ImageSpec {
  readonly format: ImageFormat;
  readonly architecture?: string;
  readonly os?: string;
  /** Makes the layer (and so the digest) unique to this image. */
  readonly content?: string;
}

/** Pushes a layer, a config and a single-platform manifest; tags it when `tag` is given. */
export async function pushImage(baseUrl: string, name: string, tag: string | undefined, spec: ImageSpec, options: PushOptions = {}): Promise<PushedManifest> {
  const types = TYPES[spec.format];
  const architecture = spec.architecture ?? 'amd64';
  const os = spec.os ?? 'linux';
  const tar = tarOneFile('hello.txt', Buffer.from(`${spec.content ?? `${name}:${tag ?? ''}`} ${architecture}\n`));
  const layer = gzipSync(tar);
  const layerDigest = await pushBlob(baseUrl, name, layer, options);
  const config = Buffer.from(JSON.stringify({ architecture, os, rootfs: { type: 'layers', diff_ids: [sha256(tar)] } }));
  const configDigest = await pushBlob(baseUrl, name, config, options);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: types.manifest,
      config: { mediaType: types.config, digest: configDigest, size: config.length },
      layers: [{ mediaType: types.layer, digest: layerDigest, size: layer.length }],
    }),
  );
  return pushManifest(baseUrl, name, tag ?? sha256(manifest), manifest, types.manifest, options);
}

export const DOCKER_MANIFEST_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';

/**
 * Pushes a multi-platform index over already pushed manifests, under `tag`: an OCI index by
 * default, or a Docker manifest list (whose entries must be Docker v2 manifests).
 */
export async function pushIndex(
  baseUrl: string,
  name: string,
  tag: string,
  manifests: readonly { readonly manifest: PushedManifest; readonly architecture: string; readonly os?: string }[],
  options: PushOptions = {},
  mediaType: typeof OCI_INDEX | typeof DOCKER_MANIFEST_LIST = OCI_INDEX,
): Promise<PushedManifest> {
  const index = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType,
      manifests: manifests.map(({ manifest, architecture, os }) => ({
        mediaType: manifest.mediaType,
        digest: manifest.digest,
        size: manifest.size,
        platform: { architecture, os: os ?? 'linux' },
      })),
    }),
  );
  return pushManifest(baseUrl, name, tag, index, mediaType, options);
}
