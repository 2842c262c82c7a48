import type { FileObject } from '../engine/analyze';
import { parseImageRef } from '../engine/model/image-ref';
import type { Located, Span } from '../engine/model/located';
import { readPodSpec } from '../engine/model/pod-spec';
import { pinImageEdit, type PinImageOptions } from '../engine/pin-image';
import type { TextEdit } from '../engine/rule';
import type { RegistryErrorKind } from './errors';
import type { RegistryResolver, ResolvedDigest, ResolveRequest } from './resolver';

/** The rules whose findings offer "pin to digest". */
export const PIN_DIGEST_RULES: ReadonlySet<string> = new Set(['image-digest', 'image-latest-tag']);

/**
 * A container's `image` value and where its YAML document starts in the file: the engine parses
 * each document on its own, so a Located span is relative to its document (`FileObject.offset`).
 */
export interface ImageTarget {
  readonly image: Located<string>;
  readonly offset: number;
}

/** Every container image of the analysed objects, in file order. */
export function imageTargets(objects: readonly FileObject[]): ImageTarget[] {
  const targets: ImageTarget[] = [];
  for (const { object, offset } of objects) {
    for (const container of readPodSpec(object)?.containers ?? []) {
      if (container.image) targets.push({ image: container.image, offset });
    }
  }
  return targets.sort((a, b) => a.offset + a.image.span.start - (b.offset + b.image.span.start));
}

/** The image whose value overlaps `span` (file offsets), e.g. a finding's span (which may cover only the tag). */
export function imageAt(objects: readonly FileObject[], span: Span): ImageTarget | undefined {
  return imageTargets(objects).find(({ image, offset }) => {
    const start = image.span.start + offset;
    const end = image.span.end + offset;
    return span.start < end && span.end > start ? true : span.start === span.end && span.start >= start && span.start <= end;
  });
}

/** Images that are not pinned by a well-formed digest: what `--pin-digests` would look up. */
export function unpinnedImages(objects: readonly FileObject[]): ImageTarget[] {
  return imageTargets(objects).filter(({ image }) => {
    const parsed = parseImageRef(image.value);
    return parsed.ok && parsed.ref.digest === undefined;
  });
}

export type PinOutcome =
  | {
      readonly ok: true;
      /** File offsets; empty when the image already has this digest. */
      readonly edits: readonly TextEdit[];
      /** The image reference after the edit. */
      readonly pinned: string;
      readonly resolved: ResolvedDigest;
    }
  | {
      readonly ok: false;
      /** `not-pinnable`: the registry answered, but the value cannot be rewritten. */
      readonly kind: RegistryErrorKind | 'not-pinnable';
      /** A full sentence for the user. */
      readonly message: string;
    };

/** The code action title, known before any request is made. */
export function pinDigestTitle(image: string, options: PinImageOptions = {}): string {
  return options.dropTag ? `Pin image "${image}" to its registry digest (drop the tag)` : `Pin image "${image}" to its registry digest`;
}

/** Looks the image's tag up and builds the edit that pins it. The only network step is `resolver.resolve`. */
export async function resolvePin(
  target: ImageTarget,
  resolver: RegistryResolver,
  options: PinImageOptions & ResolveRequest = {},
): Promise<PinOutcome> {
  const { image, offset } = target;
  const resolved = await resolver.resolve(image.value, options.signal ? { signal: options.signal } : {});
  if (!resolved.ok) return { ok: false, kind: resolved.error.kind, message: resolved.error.message };
  const edit = pinImageEdit(image, resolved.digest, options);
  if (!edit.ok) return { ok: false, kind: 'not-pinnable', message: `Cannot pin the image "${image.value}": ${edit.reason}.` };
  const edits = edit.edits.map((e) => ({ start: e.start + offset, end: e.end + offset, newText: e.newText }));
  return { ok: true, edits, pinned: edit.image, resolved };
}

export interface PinReport {
  /** Edits for the file (file offsets), sorted and non-overlapping. */
  readonly edits: readonly TextEdit[];
  readonly pinned: readonly { readonly target: ImageTarget; readonly pinned: string; readonly resolved: ResolvedDigest }[];
  readonly failed: readonly { readonly target: ImageTarget; readonly kind: RegistryErrorKind | 'not-pinnable'; readonly message: string }[];
}

/**
 * Pins every given image of one file (the CLI's `--pin-digests`). Look-ups run a few at a time;
 * the resolver shares requests for repeated images. A failure leaves that image as it is.
 */
export async function pinImages(
  targets: readonly ImageTarget[],
  resolver: RegistryResolver,
  options: PinImageOptions & ResolveRequest & { readonly concurrency?: number } = {},
): Promise<PinReport> {
  const unique = [...new Map(targets.map((t) => [`${t.offset + t.image.span.start}:${t.offset + t.image.span.end}`, t])).values()];
  const outcomes: PinOutcome[] = new Array(unique.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < unique.length) {
      const index = next++;
      outcomes[index] = await resolvePin(unique[index] as ImageTarget, resolver, options);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 4, unique.length)) }, worker));
  const edits: TextEdit[] = [];
  const pinned: PinReport['pinned'][number][] = [];
  const failed: PinReport['failed'][number][] = [];
  unique.forEach((target, index) => {
    const outcome = outcomes[index] as PinOutcome;
    if (outcome.ok) {
      edits.push(...outcome.edits);
      pinned.push({ target, pinned: outcome.pinned, resolved: outcome.resolved });
    } else {
      failed.push({ target, kind: outcome.kind, message: outcome.message });
    }
  });
  edits.sort((a, b) => a.start - b.start);
  return { edits, pinned, failed };
}
