import { parseImageRef } from './model/image-ref';
import type { Located } from './model/located';
import type { TextEdit } from './rule';

export interface PinImageOptions {
  /**
   * Drop the tag once the digest is there (`nginx@sha256:…`). Off by default: the runtime pulls by
   * digest either way, and the tag tells readers which version the digest is.
   */
  readonly dropTag?: boolean;
}

export type PinImageEdit =
  | {
      readonly ok: true;
      /** Empty when the image already carries exactly this digest (and tag, when dropping it). */
      readonly edits: readonly TextEdit[];
      /** The image reference after the edit, as the YAML will read. */
      readonly image: string;
    }
  | { readonly ok: false; readonly reason: string };

/**
 * Digests we agree to write. The value comes from a registry's answer, so anything beyond the
 * digest grammar (quotes, spaces, `#`, line breaks) could change the YAML's structure.
 */
const WRITABLE_DIGEST = /^(?:sha256:[a-f0-9]{64}|sha384:[a-f0-9]{96}|sha512:[a-f0-9]{128})$/;

/**
 * The minimal edit that pins `image` to `digest`: `repo:tag` becomes `repo:tag@sha256:…`, and an
 * existing digest, well formed or not, is replaced. Only the characters after the name change, so
 * quotes, comments, flow or block style and the rest of the line stay exactly as written.
 */
export function pinImageEdit(image: Located<string>, digest: string, options: PinImageOptions = {}): PinImageEdit {
  if (!WRITABLE_DIGEST.test(digest)) return { ok: false, reason: `"${digest}" is not a sha256, sha384 or sha512 digest` };
  const parsed = parseImageRef(image.value);
  if (!parsed.ok) return { ok: false, reason: `the image "${image.value}" cannot be pinned: ${parsed.reason}` };

  const value = image.value;
  const coreStart = value.length - value.trimStart().length;
  const core = value.trim();
  const coreEnd = coreStart + core.length;
  const at = core.indexOf('@');
  const nameAndTag = at === -1 ? core : core.slice(0, at);
  const lastSlash = nameAndTag.lastIndexOf('/');
  const colon = nameAndTag.indexOf(':', lastSlash + 1);
  const dropTag = options.dropTag === true && colon !== -1;
  const keptEnd = dropTag ? colon : nameAndTag.length;
  // Offsets inside the decoded value: replace [from, coreEnd) with the digest suffix.
  const from = coreStart + keptEnd;
  const suffix = `@${digest}`;
  const pinnedCore = core.slice(0, keptEnd) + suffix;
  const pinnedValue = value.slice(0, coreStart) + pinnedCore + value.slice(coreEnd);
  if (pinnedValue === value) return { ok: true, edits: [], image: pinnedCore };

  const source = image.source.text;
  const written = source.slice(image.span.start, image.span.end);
  // A plain or simply quoted scalar holds its value verbatim; block scalars do too after their
  // header, which is why the last occurrence is the one that counts.
  const verbatimAt = written.lastIndexOf(value);
  if (verbatimAt !== -1 && value.length > 0) {
    const base = image.span.start + verbatimAt;
    return { ok: true, edits: [{ start: base + from, end: base + coreEnd, newText: suffix }], image: pinnedCore };
  }
  // Escapes or line folding make the text differ from the value: rewrite the scalar whole, in its
  // own quoting style, so that it reads back as the pinned value.
  return { ok: true, edits: [{ start: image.span.start, end: image.span.end, newText: quoteLike(written, pinnedValue) }], image: pinnedCore };
}

function quoteLike(written: string, value: string): string {
  if (written.startsWith("'")) return `'${value.replace(/'/g, "''")}'`;
  return JSON.stringify(value);
}
