import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DOCKER_HUB } from '../engine/model/image-ref';

export type DockerCredential =
  | { readonly kind: 'basic'; readonly username: string; readonly password: string }
  /** An OAuth2 refresh token (`identitytoken`), exchanged at the token service. */
  | { readonly kind: 'identity-token'; readonly username?: string; readonly token: string }
  /** A bearer token sent to the registry as is (`registrytoken`). */
  | { readonly kind: 'registry-token'; readonly token: string };

export type CredentialLookup =
  | { readonly kind: 'none'; readonly notice?: string }
  | { readonly kind: 'found'; readonly credential: DockerCredential; readonly configPath: string; readonly key: string }
  | {
      readonly kind: 'helper';
      readonly helper: string;
      readonly via: 'credHelpers' | 'credsStore';
      readonly configPath: string;
    };

/** `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`, as the docker CLI looks. */
export function dockerConfigPath(env: Readonly<Record<string, string | undefined>>, home: string = homedir()): string {
  const dir = env['DOCKER_CONFIG']?.trim();
  return join(dir || join(home, '.docker'), 'config.json');
}

/**
 * Reads credentials for `registry` from a Docker config file. A missing file means none; an
 * unreadable or malformed one means none with a notice, so that a public image still resolves.
 */
export async function lookupDockerCredentials(registry: string, configPath: string): Promise<CredentialLookup> {
  let text: string;
  try {
    text = await readFile(configPath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'none' };
    return { kind: 'none', notice: `Could not read the Docker config ${configPath} (${code ?? 'error'}), so no credentials were used.` };
  }
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch {
    return { kind: 'none', notice: `The Docker config ${configPath} is not valid JSON, so no credentials were used.` };
  }
  return credentialsFromConfig(config, registry, configPath);
}

/**
 * Docker's precedence: a per-registry credential helper, then credentials written in `auths`,
 * then the default store. (Docker itself prefers `credsStore` over `auths`; when a store is set,
 * `docker login` leaves only empty `{}` entries in `auths`, so honouring real `auths` entries
 * first serves hand-written configs without changing what a store-managed config means.)
 */
export function credentialsFromConfig(config: unknown, registry: string, configPath: string): CredentialLookup {
  if (!isObject(config)) return { kind: 'none', notice: `The Docker config ${configPath} is not a JSON object, so no credentials were used.` };
  const wanted = registryKeys(registry);

  const helpers = config['credHelpers'];
  if (isObject(helpers)) {
    for (const [key, helper] of Object.entries(helpers)) {
      if (typeof helper === 'string' && helper && wanted.has(normalizeKey(key))) {
        return { kind: 'helper', helper, via: 'credHelpers', configPath };
      }
    }
  }

  const auths = config['auths'];
  let notice: string | undefined;
  if (isObject(auths)) {
    for (const [key, entry] of sortedEntries(auths, registry)) {
      if (!wanted.has(normalizeKey(key)) || !isObject(entry)) continue;
      const parsed = credentialFromEntry(entry);
      if (parsed.credential) return { kind: 'found', credential: parsed.credential, configPath, key };
      if (parsed.problem) notice = `The Docker config entry "${key}" in ${configPath} ${parsed.problem}, so it was not used.`;
    }
  }

  const store = config['credsStore'];
  if (typeof store === 'string' && store) return { kind: 'helper', helper: store, via: 'credsStore', configPath };
  return notice !== undefined ? { kind: 'none', notice } : { kind: 'none' };
}

function credentialFromEntry(entry: Record<string, unknown>): { credential?: DockerCredential; problem?: string } {
  const str = (name: string): string | undefined => {
    const value = entry[name];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  let username = str('username');
  let password = str('password');
  const auth = str('auth');
  if (auth !== undefined) {
    const decoded = Buffer.from(auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon === -1) return { problem: 'has an "auth" value that is not base64 of user:password' };
    username = decoded.slice(0, colon);
    password = decoded.slice(colon + 1);
  }
  const registryToken = str('registrytoken');
  if (registryToken !== undefined) return { credential: { kind: 'registry-token', token: registryToken } };
  const identityToken = str('identitytoken');
  if (identityToken !== undefined) {
    return { credential: { kind: 'identity-token', token: identityToken, ...(username !== undefined ? { username } : {}) } };
  }
  if (username !== undefined && password !== undefined) return { credential: { kind: 'basic', username, password } };
  return {};
}

/** Exact-host keys first, so that `https://host/v1/` and `host` agree on a winner deterministically. */
function sortedEntries(map: Record<string, unknown>, registry: string): [string, unknown][] {
  const exact = registry.toLowerCase();
  return Object.entries(map).sort(([a], [b]) => Number(b.toLowerCase() === exact) - Number(a.toLowerCase() === exact));
}

/** The config keys that may name `registry`: Docker Hub goes by several names. */
function registryKeys(registry: string): Set<string> {
  const host = registry.toLowerCase();
  if (host === DOCKER_HUB) return new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);
  return new Set([host]);
}

/** `https://index.docker.io/v1/` → `index.docker.io`; `Host:5000` → `host:5000`. */
export function normalizeKey(key: string): string {
  return key.trim().toLowerCase().replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/\/.*$/, '');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
