import { DOCKER_HUB } from '../engine/model/image-ref';

/** Docker Hub's API host: `docker.io` names the registry, but no API is served there. */
export const DOCKER_HUB_API = 'https://registry-1.docker.io';

export interface HostPattern {
  /** Lower case, IPv6 without brackets. */
  readonly hostname: string;
  /** Absent: any port of the host. */
  readonly port?: number;
}

/**
 * Parses an insecure-host entry (`host`, `host:port`, `[::1]:5000`). Returns undefined for
 * anything else, including URLs and paths, so that a typo never widens the list.
 */
export function parseHostPattern(entry: string): HostPattern | undefined {
  const text = entry.trim().toLowerCase();
  const v6 = /^\[([0-9a-f:.]+)\](?::(\d{1,5}))?$/.exec(text);
  if (v6) return withPort(v6[1] as string, v6[2]);
  const named = /^([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*)(?::(\d{1,5}))?$/.exec(text);
  if (named) return withPort(named[1] as string, named[2]);
  return undefined;
}

function withPort(hostname: string, port: string | undefined): HostPattern | undefined {
  if (port === undefined) return { hostname };
  const number = Number(port);
  return number >= 1 && number <= 65535 ? { hostname, port: number } : undefined;
}

/** Whether plain HTTP to `url`'s host and port is allowed by the user's list. */
export function isInsecureAllowed(url: URL, insecureHosts: readonly HostPattern[]): boolean {
  const hostname = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  return insecureHosts.some((pattern) => pattern.hostname === hostname && (pattern.port === undefined || pattern.port === port));
}

/** Whether a registry host (`host[:port]` as in an image reference) is in the list. */
export function registryIsInsecure(registry: string, insecureHosts: readonly HostPattern[]): boolean {
  const pattern = parseHostPattern(registry);
  if (!pattern) return false;
  return insecureHosts.some(
    (allowed) => allowed.hostname === pattern.hostname && (allowed.port === undefined || allowed.port === (pattern.port ?? 80)),
  );
}

/**
 * The base URL of a registry's API (no trailing slash): Docker Hub's API host for `docker.io`,
 * plain HTTP for hosts the user listed as insecure, HTTPS for everything else.
 */
export function registryBaseUrl(registry: string, insecureHosts: readonly HostPattern[]): string {
  if (registry === DOCKER_HUB) return DOCKER_HUB_API;
  return `${registryIsInsecure(registry, insecureHosts) ? 'http' : 'https'}://${registry.toLowerCase()}`;
}
