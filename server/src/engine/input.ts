import { BOM } from './text';

/** Files larger than this are not analysed unless the user raises the limit. */
export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;

/** Why a file was not analysed; the message is shown to users as it is. */
export interface SkipReason {
  readonly kind: 'too-large' | 'binary' | 'encoding' | 'not-yaml';
  readonly message: string;
}

/** Decoded text, or the reason it cannot be analysed. */
export type DecodedInput = { readonly text: string; readonly bom: boolean } | { readonly skip: SkipReason };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decodes a manifest file's bytes. The BOM is kept out of the text (and reported) so that columns
 * match what editors show; writers put it back.
 */
export function decodeManifest(bytes: Uint8Array, maxSize = DEFAULT_MAX_FILE_SIZE): DecodedInput {
  if (bytes.length > maxSize) {
    return {
      skip: {
        kind: 'too-large',
        message: `The file is ${formatSize(bytes.length)}, over the ${formatSize(maxSize)} limit (setting kubeward.maxFileSize); it was not analysed.`,
      },
    };
  }
  if (looksBinary(bytes)) {
    return { skip: { kind: 'binary', message: 'The file looks binary (it contains NUL bytes); it was not analysed.' } };
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { skip: { kind: 'encoding', message: 'The file is not valid UTF-8; it was not analysed.' } };
  }
  const bom = text.startsWith(BOM);
  return { text: bom ? text.slice(1) : text, bom };
}

/** Text-level checks shared by the editor (which never sees bytes) and the CLI. */
export function checkText(text: string, maxSize = DEFAULT_MAX_FILE_SIZE): SkipReason | undefined {
  // UTF-16 length undercounts UTF-8 bytes by at most 3x; an exact byte count is not worth a copy here.
  if (text.length > maxSize) {
    return {
      kind: 'too-large',
      message: `The file has ${formatSize(text.length)} of text, over the ${formatSize(maxSize)} limit (setting kubeward.maxFileSize); it was not analysed.`,
    };
  }
  if (text.includes('\0')) {
    return { kind: 'binary', message: 'The file contains NUL characters, so it is not YAML; it was not analysed.' };
  }
  return undefined;
}

function looksBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, Math.min(bytes.length, 8192));
  return head.includes(0);
}

/** `1.5 MiB`, for messages. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}
