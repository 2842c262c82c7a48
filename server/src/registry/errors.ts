/**
 * Why a digest look-up failed. Each kind has a user-facing sentence in `message`; the kind lets a
 * caller choose how to show it (a disabled code action, a CLI line, an exit code) without parsing
 * the text.
 */
export type RegistryErrorKind =
  /** The image cannot be looked up: unparsable, or pinned by digest with no tag to resolve. */
  | 'invalid-reference'
  /** 404 for the tag (or the repository). */
  | 'tag-not-found'
  /** 401/403 after the auth flow, or the token service refused. */
  | 'unauthorized'
  /** Connection refused, name not resolved, reset, untrusted TLS certificate. */
  | 'unreachable'
  /** The whole look-up took longer than `timeoutMs`. */
  | 'timeout'
  /** The caller's AbortSignal fired (LSP cancellation). */
  | 'cancelled'
  | 'too-many-redirects'
  /** The Docker-Content-Digest header disagrees with the sha256 of the manifest bytes. */
  | 'digest-mismatch'
  /** Credentials for the registry live in a credential helper, and the anonymous look-up was refused. */
  | 'credential-helper'
  /** Plain HTTP was needed (registry, redirect or token realm) for a host not in `insecureHosts`. */
  | 'insecure-host'
  /** The proxy from HTTPS_PROXY/HTTP_PROXY is unusable or refused the tunnel. */
  | 'proxy-error'
  /** Any other answer: 429, 5xx, a malformed challenge or token, a schema 1 manifest. */
  | 'registry-error';

export interface RegistryError {
  readonly kind: RegistryErrorKind;
  /** One or two full sentences naming the image and the registry; ends with a period. */
  readonly message: string;
  /** The image as the caller gave it. */
  readonly image: string;
  /** The registry host as written or defaulted (`docker.io`, `127.0.0.1:5000`); empty when unparsable. */
  readonly registry: string;
  /** The HTTP status behind the error, when there was one. */
  readonly status?: number;
}

/** How messages name the settings that change the outcome; the CLI and the editor spell them differently. */
export interface SettingNames {
  /** e.g. `the setting kubeward.registry.insecureHosts`, or `--insecure-registry`. */
  readonly insecureHosts: string;
  /** e.g. `the setting kubeward.registry.useDockerConfig`. */
  readonly useDockerConfig: string;
}

export const DEFAULT_SETTING_NAMES: SettingNames = {
  insecureHosts: 'the insecureHosts option',
  useDockerConfig: 'the useDockerConfig option',
};

/** Registry-supplied text shown to users: one line, no control characters, bounded. */
export function sanitizeRemoteText(text: string, max = 200): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** A URL for messages: proxy or realm credentials never reach the user's screen or logs. */
export function displayUrl(url: URL | string): string {
  try {
    const copy = new URL(String(url));
    copy.username = '';
    copy.password = '';
    copy.search = '';
    return copy.href.replace(/\/$/, '');
  } catch {
    return '(invalid URL)';
  }
}
