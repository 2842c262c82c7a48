import { createHash } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { effectiveTag, parseImageRef, type ImageRef } from '../engine/model/image-ref';
import { dockerConfigPath, lookupDockerCredentials, type CredentialLookup, type DockerCredential } from './docker-config';
import { isInsecureAllowed, parseHostPattern, registryBaseUrl, type HostPattern } from './endpoint';
import {
  DEFAULT_SETTING_NAMES, displayUrl, sanitizeRemoteText, type RegistryError, type RegistryErrorKind, type SettingNames,
} from './errors';
import { firstHeader, sendRequest, TransportError, type HttpRequest, type HttpResponse } from './http';
import { ProxyConfigError, proxySettingsFromEnv, type ProxySettings } from './proxy';
import { parseWwwAuthenticate, type Challenge } from './www-authenticate';

export const MEDIA_TYPES = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
} as const;

/**
 * Every manifest type we can pin, index types first. distribution 2.8 answers a request without
 * an OCI type in Accept with a schema 1 conversion or 404, so the list must always be sent.
 */
export const MANIFEST_ACCEPT = [
  MEDIA_TYPES.ociIndex,
  MEDIA_TYPES.ociManifest,
  MEDIA_TYPES.dockerManifestList,
  MEDIA_TYPES.dockerManifest,
].join(', ');

const MULTI_ARCH_TYPES = new Set<string>([MEDIA_TYPES.ociIndex, MEDIA_TYPES.dockerManifestList]);
const SCHEMA1_TYPES = new Set([
  'application/vnd.docker.distribution.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v1+prettyjws',
]);
const DIGEST_HEADER = /^(sha256|sha384|sha512):([a-f0-9]+)$/;
const HEX_LENGTH: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
const MAX_TOKEN_BYTES = 1024 * 1024;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export interface RegistryResolverOptions {
  /** Budget for one whole look-up (token, redirects, HEAD and GET), in ms. Default 5000. */
  readonly timeoutMs?: number;
  /**
   * `host` or `host:port` entries that may be reached over plain HTTP: registries (which are then
   * contacted over HTTP), token services and redirect targets. Everything else is HTTPS only.
   */
  readonly insecureHosts?: readonly string[];
  /** Read credentials from the Docker config file. Default false: the file is never opened. */
  readonly useDockerConfig?: boolean;
  /** Default: `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`. */
  readonly dockerConfigPath?: string;
  /** Where HTTPS_PROXY, HTTP_PROXY, NO_PROXY and DOCKER_CONFIG are read. Default `process.env`, read per look-up. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** How long a resolved digest is reused, in ms. Default 300000 (5 min); 0 turns the cache off. */
  readonly cacheTtlMs?: number;
  /** Default 5. */
  readonly maxRedirects?: number;
  /**
   * Also GET the manifest when HEAD gave a digest, and check the header against the bytes. Off by
   * default: Docker Hub counts GETs (not HEADs) against its pull rate limit, and a wrong HEAD digest
   * cannot pull a wrong image, since the runtime verifies the content it pulls by digest.
   */
  readonly verifyDigest?: boolean;
  /**
   * Maps a registry host (`docker.io`, `ghcr.io`, `localhost:5000`) to its API base URL, for
   * mirrors and tests; return undefined for the default. The plain-HTTP rule still applies to the
   * result.
   */
  readonly endpoint?: (registry: string) => string | undefined;
  /** Extra trusted CA certificates (PEM), added to Node's bundled roots. */
  readonly extraCaCertificates?: readonly string[];
  /** How messages name the settings; the editor and the CLI spell them differently. */
  readonly settingNames?: SettingNames;
  /** Clock for cache and token expiry (ms). Default `Date.now`. */
  readonly now?: () => number;
  readonly userAgent?: string;
}

export interface ResolvedDigest {
  readonly ok: true;
  /** `sha256:<64 hex>` (or the algorithm the registry uses): the digest the tag points to. */
  readonly digest: string;
  /** The image as given. */
  readonly image: string;
  readonly registry: string;
  readonly repository: string;
  /** The tag that was resolved (`latest` when the image names none). */
  readonly tag: string;
  /** The manifest's media type, when the registry said. */
  readonly mediaType?: string;
  /** An OCI index or Docker manifest list: the digest covers every platform. */
  readonly multiArch: boolean;
  /** `header`: Docker-Content-Digest from HEAD; `computed`: the sha256 of the GET body (matching the header when there was one). */
  readonly source: 'header' | 'computed';
  readonly cached: boolean;
  /** Things the user may want to know although the look-up succeeded (an ignored credential helper). */
  readonly notices: readonly string[];
}

export interface ResolveFailure {
  readonly ok: false;
  readonly error: RegistryError;
}

export type ResolveResult = ResolvedDigest | ResolveFailure;

export interface ResolveRequest {
  /** Cancels the look-up (e.g. from an LSP CancellationToken); the result is a `cancelled` error. */
  readonly signal?: AbortSignal;
}

/** Thrown inside a look-up and turned into a ResolveFailure at its edge. */
class LookupError extends Error {
  constructor(
    readonly kind: RegistryErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

class TimeoutReason extends Error {}
class CancelReason extends Error {}

interface InFlight {
  readonly controller: AbortController;
  waiters: number;
  promise: Promise<ResolveResult>;
}

interface CachedDigest {
  readonly value: Omit<ResolvedDigest, 'cached' | 'image'>;
  readonly expires: number;
}

interface CachedToken {
  readonly token: string;
  readonly expires: number;
}

/** Per-look-up state. */
interface Lookup {
  readonly ref: ImageRef;
  readonly image: string;
  readonly tag: string;
  readonly baseUrl: URL;
  readonly signal: AbortSignal;
  readonly proxy: ProxySettings;
  readonly credentials: CredentialLookup;
  readonly notices: string[];
}

/**
 * Resolves image tags to the manifest digest the registry serves. Creating one does nothing on the
 * network or disk: every request happens inside `resolve`, which runs only when a user asks for a
 * pin. One instance is meant to live as long as the server or CLI run, for its caches.
 */
export class RegistryResolver {
  private options: RegistryResolverOptions;
  private insecure: readonly HostPattern[] = [];
  private readonly digests = new Map<string, CachedDigest>();
  private readonly inFlight = new Map<string, InFlight>();
  private readonly tokens = new Map<string, CachedToken>();
  /** The last Bearer challenge per registry base URL, to send a cached token before being asked. */
  private readonly realms = new Map<string, { realm: string; service: string }>();

  constructor(options: RegistryResolverOptions = {}) {
    this.options = options;
    this.insecure = parseInsecure(options.insecureHosts);
  }

  /** Replaces the options (settings changed) and forgets everything cached under the old ones. */
  configure(options: RegistryResolverOptions): void {
    this.options = options;
    this.insecure = parseInsecure(options.insecureHosts);
    this.clearCache();
  }

  clearCache(): void {
    this.digests.clear();
    this.tokens.clear();
    this.realms.clear();
  }

  /** Entries of `insecureHosts` that are not `host` or `host:port`, for a settings warning. */
  static invalidInsecureHosts(entries: readonly string[]): string[] {
    return entries.filter((entry) => parseHostPattern(entry) === undefined);
  }

  async resolve(image: string, request: ResolveRequest = {}): Promise<ResolveResult> {
    const parsed = parseImageRef(image);
    if (!parsed.ok) return failure(image, '', 'invalid-reference', `Cannot look up the image "${image}": ${parsed.reason}.`);
    const ref = parsed.ref;
    const tag = effectiveTag(ref);
    if (tag === undefined) {
      return failure(image, ref.registry, 'invalid-reference', `The image "${image}" is already pinned by digest and names no tag to look up.`);
    }
    let baseUrl: URL;
    try {
      baseUrl = new URL(this.options.endpoint?.(ref.registry) ?? registryBaseUrl(ref.registry, this.insecure));
    } catch {
      return failure(image, ref.registry, 'invalid-reference', `The registry "${ref.registry}" of the image "${image}" is not a valid host.`);
    }
    const key = [baseUrl.href, ref.repository, tag, this.options.useDockerConfig ? this.configPath() : '-'].join('\u0000');
    const now = this.now();
    const cached = this.digests.get(key);
    if (cached && cached.expires > now) return { ...cached.value, image, cached: true };
    if (cached) this.digests.delete(key);

    // Concurrent look-ups of one image (fix-all over many manifests) share one set of requests.
    // Each caller keeps its own cancellation; the requests stop when the last caller cancels.
    let flight = this.inFlight.get(key);
    if (!flight) {
      const controller = new AbortController();
      const created: InFlight = { controller, waiters: 0, promise: Promise.resolve(undefined as unknown as ResolveResult) };
      created.promise = this.lookup(image, ref, tag, baseUrl, key, controller).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, created);
      flight = created;
    }
    flight.waiters++;
    const result = await raceSignal(flight.promise, request.signal);
    flight.waiters--;
    if (result === undefined) {
      if (flight.waiters === 0) flight.controller.abort(new CancelReason());
      return failure(image, ref.registry, 'cancelled', `The look-up of "${image}" was cancelled.`);
    }
    return result.ok ? { ...result, image } : { ok: false, error: { ...result.error, image } };
  }

  private async lookup(image: string, ref: ImageRef, tag: string, baseUrl: URL, key: string, controller: AbortController): Promise<ResolveResult> {
    const timeoutMs = this.options.timeoutMs ?? 5000;
    const timer = setTimeout(() => controller.abort(new TimeoutReason()), timeoutMs);
    const env = this.options.env ?? process.env;
    try {
      const credentials: CredentialLookup = this.options.useDockerConfig
        ? await lookupDockerCredentials(ref.registry, this.configPath())
        : { kind: 'none' };
      const notices: string[] = [];
      if (credentials.kind === 'none' && credentials.notice) notices.push(credentials.notice);
      if (credentials.kind === 'helper') notices.push(helperSentence(credentials, ref.registry) + ' It was looked up anonymously.');
      const lookup: Lookup = {
        ref, image, tag, baseUrl, signal: controller.signal, proxy: proxySettingsFromEnv(env), credentials, notices,
      };
      if (baseUrl.protocol === 'http:' && !isInsecureAllowed(baseUrl, this.insecure)) {
        throw new LookupError('insecure-host', this.plainHttpRefused(baseUrl, `The registry ${ref.registry} is configured at ${displayUrl(baseUrl)}`));
      }
      if (baseUrl.protocol !== 'http:' && baseUrl.protocol !== 'https:') {
        throw new LookupError('invalid-reference', `The registry address ${displayUrl(baseUrl)} is not an http(s) URL.`);
      }
      const value = await this.resolveDigest(lookup);
      const ttl = this.options.cacheTtlMs ?? 300_000;
      if (ttl > 0) this.digests.set(key, { value, expires: this.now() + ttl });
      return { ...value, image, cached: false };
    } catch (error) {
      return { ok: false, error: this.toRegistryError(error, image, ref, baseUrl, timeoutMs, controller.signal) };
    } finally {
      clearTimeout(timer);
    }
  }

  private async resolveDigest(lookup: Lookup): Promise<Omit<ResolvedDigest, 'cached' | 'image'>> {
    const { ref, tag } = lookup;
    const manifestUrl = new URL(`${lookup.baseUrl.href.replace(/\/$/, '')}/v2/${ref.repository}/manifests/${encodeURIComponent(tag)}`);
    const result = (digest: string, source: 'header' | 'computed', mediaType: string | undefined) => ({
      ok: true as const,
      digest,
      registry: ref.registry,
      repository: ref.repository,
      tag,
      ...(mediaType ? { mediaType } : {}),
      multiArch: mediaType !== undefined && MULTI_ARCH_TYPES.has(mediaType),
      source,
      notices: lookup.notices,
    });

    const head = await this.authorizedRequest(lookup, 'HEAD', manifestUrl);
    let headDigest: string | undefined;
    if (head.status === 200) {
      const header = firstHeader(head, 'docker-content-digest')?.trim();
      const mediaType = mediaTypeOf(head);
      if (mediaType && SCHEMA1_TYPES.has(mediaType)) throw this.schema1(lookup);
      if (header !== undefined && isWellFormedDigest(header)) {
        if (!this.options.verifyDigest) return result(header, 'header', mediaType);
        headDigest = header;
      }
    } else if (head.status !== 405 && head.status !== 501) {
      // Some registries and proxies refuse HEAD; anything else is the answer for GET too.
      throw this.statusError(lookup, head);
    }

    const get = await this.authorizedRequest(lookup, 'GET', manifestUrl);
    if (get.status !== 200) throw this.statusError(lookup, get);
    const mediaType = mediaTypeOf(get);
    if (mediaType && SCHEMA1_TYPES.has(mediaType)) throw this.schema1(lookup);
    const header = firstHeader(get, 'docker-content-digest')?.trim();
    const claimed = header || headDigest;
    const algorithm = claimed !== undefined ? DIGEST_HEADER.exec(claimed)?.[1] ?? 'sha256' : 'sha256';
    const computed = `${algorithm}:${createHash(algorithm).update(get.body).digest('hex')}`;
    for (const [what, value] of [['header', header], ['HEAD digest', headDigest]] as const) {
      if (value !== undefined && value !== '' && value !== computed) {
        throw new LookupError(
          'digest-mismatch',
          `The registry ${ref.registry} says ${ref.repository}:${tag} has the digest ${sanitizeRemoteText(value, 80)}` +
            `${what === 'HEAD digest' ? ' (on HEAD)' : ''}, but the manifest it sent hashes to ${computed}; ` +
            'the image was not pinned to an unverified digest.',
        );
      }
    }
    return result(computed, 'computed', mediaType);
  }

  /**
   * One request with the registry's auth flow: a cached token is sent up front when the registry's
   * realm is known; a 401 with a Bearer challenge gets a token (anonymous, or with the Docker
   * config's credentials) and the request is retried once; Basic challenges get Basic credentials.
   */
  private async authorizedRequest(lookup: Lookup, method: 'HEAD' | 'GET', url: URL): Promise<HttpResponse> {
    const scope = `repository:${lookup.ref.repository}:pull`;
    const known = this.realms.get(lookup.baseUrl.href);
    const credentialKey = credentialId(lookup.credentials);
    let authorization: string | undefined;
    if (lookup.credentials.kind === 'found' && lookup.credentials.credential.kind === 'registry-token') {
      authorization = `Bearer ${lookup.credentials.credential.token}`;
    } else if (known) {
      const token = this.cachedToken(tokenKey(known.realm, known.service, scope, credentialKey));
      if (token) authorization = `Bearer ${token}`;
    }
    let response = await this.followRedirects(lookup, method, url, manifestHeaders(authorization, this.options.userAgent));
    if (response.status !== 401) return response;

    const challenges = parseWwwAuthenticate(response.headers['www-authenticate'] ?? []);
    const bearer = challenges.find((c) => c.scheme === 'bearer');
    const basic = challenges.find((c) => c.scheme === 'basic');
    const credential = lookup.credentials.kind === 'found' ? lookup.credentials.credential : undefined;
    if (bearer) {
      if (authorization && known) this.tokens.delete(tokenKey(known.realm, known.service, scope, credentialKey));
      const token = await this.fetchToken(lookup, bearer, scope, credential);
      authorization = `Bearer ${token}`;
    } else if (basic && credential?.kind === 'basic') {
      authorization = `Basic ${Buffer.from(`${credential.username}:${credential.password}`).toString('base64')}`;
    } else {
      throw this.unauthorized(lookup, 401);
    }
    response = await this.followRedirects(lookup, method, url, manifestHeaders(authorization, this.options.userAgent));
    if (response.status === 401 || response.status === 403) throw this.unauthorized(lookup, response.status);
    return response;
  }

  private async fetchToken(lookup: Lookup, challenge: Challenge, defaultScope: string, credential: DockerCredential | undefined): Promise<string> {
    const realm = challenge.params['realm'];
    const registry = lookup.ref.registry;
    if (!realm) throw new LookupError('registry-error', `The registry ${registry} asked for a token but named no token service (realm).`);
    let realmUrl: URL;
    try {
      realmUrl = new URL(realm);
    } catch {
      throw new LookupError('registry-error', `The registry ${registry} named an invalid token service address.`);
    }
    if (realmUrl.protocol !== 'https:' && realmUrl.protocol !== 'http:') {
      throw new LookupError('registry-error', `The registry ${registry} named a token service that is not an http(s) URL.`);
    }
    const service = challenge.params['service'] ?? '';
    const scope = challenge.params['scope'] ?? defaultScope;
    const credentialKey = credentialId(lookup.credentials);
    this.realms.set(lookup.baseUrl.href, { realm, service });
    const key = tokenKey(realm, service, scope, credentialKey);
    const cached = this.cachedToken(key);
    if (cached) return cached;

    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': this.userAgent() };
    let response: HttpResponse;
    if (credential?.kind === 'identity-token') {
      // An identity token is an OAuth2 refresh token: exchanged with a form POST, as docker does.
      const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: credential.token, client_id: 'kubeward', scope });
      if (service) form.set('service', service);
      headers['content-type'] = 'application/x-www-form-urlencoded';
      response = await this.followRedirects(lookup, 'POST', realmUrl, headers, Buffer.from(form.toString()), 'token');
    } else {
      const tokenUrl = new URL(realmUrl.href);
      if (service) tokenUrl.searchParams.set('service', service);
      for (const part of scope.split(' ').filter(Boolean)) tokenUrl.searchParams.append('scope', part);
      if (credential?.kind === 'basic') {
        headers['authorization'] = `Basic ${Buffer.from(`${credential.username}:${credential.password}`).toString('base64')}`;
      }
      response = await this.followRedirects(lookup, 'GET', tokenUrl, headers, undefined, 'token');
    }
    if (response.status === 401 || response.status === 403) throw this.unauthorized(lookup, response.status, true);
    if (response.status !== 200) {
      throw new LookupError('registry-error', `The token service of ${registry} answered HTTP ${response.status}.`, response.status);
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(response.body.toString('utf8')) as Record<string, unknown>;
    } catch {
      throw new LookupError('registry-error', `The token service of ${registry} sent a response that is not JSON.`);
    }
    const token = typeof body['token'] === 'string' && body['token'] ? body['token'] : body['access_token'];
    if (typeof token !== 'string' || !token || /[\r\n]/.test(token)) {
      throw new LookupError('registry-error', `The token service of ${registry} sent no token.`);
    }
    // The spec's default lifetime is 60 s. Expire a little early so a token never dies in flight.
    const expiresIn = typeof body['expires_in'] === 'number' && body['expires_in'] > 0 ? body['expires_in'] : 60;
    // Counted from receipt, not `issued_at`: the registry's clock may differ from ours.
    const lifetime = expiresIn * 1000;
    this.tokens.set(key, { token, expires: this.now() + lifetime - Math.min(10_000, lifetime / 10) });
    return token;
  }

  private async followRedirects(
    lookup: Lookup,
    method: HttpRequest['method'],
    start: URL,
    headers: Record<string, string>,
    body?: Buffer,
    purpose: 'manifest' | 'token' = 'manifest',
  ): Promise<HttpResponse> {
    const maxRedirects = this.options.maxRedirects ?? 5;
    let url = start;
    let currentHeaders = headers;
    let currentMethod = method;
    let currentBody = body;
    for (let hop = 0; ; hop++) {
      if (url.protocol === 'http:' && !isInsecureAllowed(url, this.insecure)) {
        const what =
          purpose === 'token'
            ? `The registry ${lookup.ref.registry} sent its token request to ${displayUrl(url)}`
            : hop === 0
              ? `The registry ${lookup.ref.registry} is at ${displayUrl(url)}`
              : `The registry ${lookup.ref.registry} redirected to ${displayUrl(url)}`;
        throw new LookupError('insecure-host', this.plainHttpRefused(url, what));
      }
      const response = await this.send(lookup, {
        method: currentMethod,
        url,
        headers: currentHeaders,
        ...(currentBody ? { body: currentBody } : {}),
        signal: lookup.signal,
        maxBodyBytes: purpose === 'token' ? MAX_TOKEN_BYTES : MAX_MANIFEST_BYTES,
      });
      const location = firstHeader(response, 'location');
      if (!REDIRECTS.has(response.status) || location === undefined) return response;
      if (hop >= maxRedirects) {
        throw new LookupError('too-many-redirects', `The registry ${lookup.ref.registry} redirected more than ${maxRedirects} times while looking up ${lookup.ref.repository}:${lookup.tag}.`);
      }
      let next: URL;
      try {
        next = new URL(location, url);
      } catch {
        throw new LookupError('registry-error', `The registry ${lookup.ref.registry} redirected to an invalid address.`);
      }
      if (next.protocol !== 'https:' && next.protocol !== 'http:') {
        throw new LookupError('registry-error', `The registry ${lookup.ref.registry} redirected to a non-HTTP address.`);
      }
      // Credentials stay with the origin that was given them, as in browsers and the docker CLI.
      if (next.origin !== url.origin && currentHeaders['authorization'] !== undefined) {
        const { authorization: _dropped, ...rest } = currentHeaders;
        currentHeaders = rest;
      }
      if (response.status === 303 && currentMethod === 'POST') {
        currentMethod = 'GET';
        currentBody = undefined;
      }
      url = next;
    }
  }

  private async send(lookup: Lookup, request: HttpRequest): Promise<HttpResponse> {
    return sendRequest(request, {
      proxy: lookup.proxy,
      ...(this.options.extraCaCertificates?.length ? { ca: [...rootCertificates, ...this.options.extraCaCertificates] } : {}),
    });
  }

  private cachedToken(key: string): string | undefined {
    const entry = this.tokens.get(key);
    if (!entry) return undefined;
    if (entry.expires > this.now()) return entry.token;
    this.tokens.delete(key);
    return undefined;
  }

  private statusError(lookup: Lookup, response: HttpResponse): LookupError {
    const { ref, tag } = lookup;
    const status = response.status;
    if (status === 404) {
      return new LookupError('tag-not-found', `The registry ${ref.registry} has no tag "${tag}" for ${ref.repository} (or no such repository).`, 404);
    }
    if (status === 401 || status === 403) return this.unauthorized(lookup, status);
    if (status === 429) {
      return new LookupError('registry-error', `The registry ${ref.registry} is limiting requests (HTTP 429); try again later.`, 429);
    }
    const detail = registryErrorDetail(response.body);
    return new LookupError(
      'registry-error',
      `The registry ${ref.registry} answered HTTP ${status} for ${ref.repository}:${tag}${detail ? ` (${detail})` : ''}.`,
      status,
    );
  }

  private unauthorized(lookup: Lookup, status: number, tokenService = false): LookupError {
    const { ref, credentials } = lookup;
    const where = tokenService ? `The token service of ${ref.registry}` : `The registry ${ref.registry}`;
    if (credentials.kind === 'helper') {
      return new LookupError(
        'credential-helper',
        `${where} refused anonymous access to ${ref.repository} (HTTP ${status}). ${helperSentence(credentials, ref.registry)} ` +
          `Add credentials for ${ref.registry} under "auths" in the Docker config, or pin the digest by hand.`,
        status,
      );
    }
    if (credentials.kind === 'found') {
      return new LookupError(
        'unauthorized',
        `${where} refused the credentials for ${ref.registry} from ${credentials.configPath} when reading ${ref.repository} (HTTP ${status}).`,
        status,
      );
    }
    const names = this.options.settingNames ?? DEFAULT_SETTING_NAMES;
    // Docker Hub and others answer 401, not 404, for a repository that does not exist.
    const hint = this.options.useDockerConfig
      ? `The repository may not exist, or it is private and the Docker config has no credentials for ${ref.registry} (run docker login ${ref.registry}).`
      : `The repository may not exist, or it is private: log in with docker login and turn on ${names.useDockerConfig}.`;
    return new LookupError('unauthorized', `${where} refused anonymous access to ${ref.repository} (HTTP ${status}). ${hint}`, status);
  }

  private schema1(lookup: Lookup): LookupError {
    return new LookupError(
      'registry-error',
      `The registry ${lookup.ref.registry} serves ${lookup.ref.repository}:${lookup.tag} only as a deprecated schema 1 manifest, which cannot be pinned reliably.`,
    );
  }

  private plainHttpRefused(url: URL, what: string, sayPlain = true): string {
    const names = this.options.settingNames ?? DEFAULT_SETTING_NAMES;
    return `${what}${sayPlain ? ', which is plain HTTP' : ''}; Kubeward uses plain HTTP only for hosts listed in ${names.insecureHosts} (add "${url.host}" there to allow it).`;
  }

  private toRegistryError(error: unknown, image: string, ref: ImageRef, baseUrl: URL, timeoutMs: number, signal: AbortSignal): RegistryError {
    const make = (kind: RegistryErrorKind, message: string, status?: number): RegistryError => ({
      kind, message, image, registry: ref.registry, ...(status !== undefined ? { status } : {}),
    });
    if (signal.aborted && signal.reason instanceof TimeoutReason) {
      return make('timeout', `Looking up ${ref.repository}:${effectiveTag(ref)} timed out after ${formatSeconds(timeoutMs)}: the registry ${ref.registry} did not answer in time.`);
    }
    if (error instanceof LookupError) return make(error.kind, error.message, error.status);
    if (error instanceof ProxyConfigError) return make('proxy-error', `The proxy setting is unusable: ${error.message}.`);
    if (error instanceof TransportError) {
      if (error.code === 'proxy') {
        return make('proxy-error', `Could not reach the registry ${ref.registry} through the proxy ${error.proxy ?? ''}: ${error.detail}.`);
      }
      if (error.code === 'plain-http') {
        return make('insecure-host', this.plainHttpRefused(baseUrl, `The registry ${ref.registry} answers only plain HTTP`, false));
      }
      if (error.code === 'aborted') return make('cancelled', `The look-up of "${image}" was cancelled.`);
      if (error.code === 'too-large') return make('registry-error', `The registry ${ref.registry} sent a response that is too large to be a manifest.`);
      return make('unreachable', `Could not reach the registry ${ref.registry} at ${displayUrl(baseUrl)}: ${error.detail}.`);
    }
    return make('registry-error', `Looking up ${ref.repository} at ${ref.registry} failed: ${sanitizeRemoteText(String((error as Error)?.message ?? error))}.`);
  }

  private configPath(): string {
    return this.options.dockerConfigPath ?? dockerConfigPath(this.options.env ?? process.env);
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private userAgent(): string {
    return this.options.userAgent ?? 'kubeward';
  }
}

function parseInsecure(entries: readonly string[] | undefined): HostPattern[] {
  return (entries ?? []).map(parseHostPattern).filter((p): p is HostPattern => p !== undefined);
}

function manifestHeaders(authorization: string | undefined, userAgent: string | undefined): Record<string, string> {
  return {
    accept: MANIFEST_ACCEPT,
    'user-agent': userAgent ?? 'kubeward',
    ...(authorization ? { authorization } : {}),
  };
}

function mediaTypeOf(response: HttpResponse): string | undefined {
  const type = firstHeader(response, 'content-type')?.split(';')[0]?.trim().toLowerCase();
  return type || undefined;
}

function isWellFormedDigest(text: string): boolean {
  const match = DIGEST_HEADER.exec(text);
  return match !== null && (match[2] as string).length === HEX_LENGTH[match[1] as string];
}

function tokenKey(realm: string, service: string, scope: string, credential: string): string {
  return [realm, service, scope, credential].join('\u0000');
}

/** Which identity a token was issued to, without keeping secrets in map keys. */
function credentialId(credentials: CredentialLookup): string {
  if (credentials.kind !== 'found') return 'anonymous';
  const c = credentials.credential;
  const secret = c.kind === 'basic' ? `${c.username}:${c.password}` : c.token;
  return `${c.kind}:${createHash('sha256').update(secret).digest('hex').slice(0, 16)}`;
}

function helperSentence(lookup: Extract<CredentialLookup, { kind: 'helper' }>, registry: string): string {
  const where = lookup.via === 'credHelpers' ? `"credHelpers" names the helper "${lookup.helper}" for ${registry}` : `"credsStore" names the helper "${lookup.helper}"`;
  return `In ${lookup.configPath}, ${where}; Kubeward does not run credential helpers, so those credentials cannot be used.`;
}

function registryErrorDetail(body: Buffer): string | undefined {
  if (body.length === 0 || body.length > 65536) return undefined;
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { errors?: { code?: unknown; message?: unknown }[] };
    const first = parsed.errors?.[0];
    if (!first) return undefined;
    const code = typeof first.code === 'string' ? first.code : '';
    const message = typeof first.message === 'string' ? first.message : '';
    return sanitizeRemoteText([code, message].filter(Boolean).join(': '), 160) || undefined;
  } catch {
    return undefined;
  }
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

function failure(image: string, registry: string, kind: RegistryErrorKind, message: string): ResolveFailure {
  return { ok: false, error: { kind, message, image, registry } };
}

/** Resolves with the promise's value, or undefined as soon as the signal fires. */
function raceSignal<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T | undefined> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.resolve(undefined);
  return new Promise<T | undefined>((resolve, reject) => {
    const onAbort = (): void => resolve(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
