import { BlockList, isIP } from 'node:net';

/** Proxy settings as the environment gives them; nothing is parsed until a request needs it. */
export interface ProxySettings {
  /** Used for `https://` registries, tunnelled with CONNECT. */
  readonly httpsProxy?: string;
  /** Used for `http://` registries (only hosts in insecureHosts), in absolute-form. */
  readonly httpProxy?: string;
  /** Comma- or space-separated hosts that bypass the proxy. */
  readonly noProxy?: string;
}

/**
 * Reads the conventional variables. The lower-case spelling wins when both are set, as in curl;
 * an empty value means "unset" so that `HTTPS_PROXY= kubeward …` turns a proxy off.
 */
export function proxySettingsFromEnv(env: Readonly<Record<string, string | undefined>>): ProxySettings {
  const pick = (...names: string[]): string | undefined => {
    for (const name of names) {
      const value = env[name]?.trim();
      if (value) return value;
    }
    return undefined;
  };
  const httpsProxy = pick('https_proxy', 'HTTPS_PROXY');
  const httpProxy = pick('http_proxy', 'HTTP_PROXY');
  const noProxy = pick('no_proxy', 'NO_PROXY');
  return {
    ...(httpsProxy !== undefined ? { httpsProxy } : {}),
    ...(httpProxy !== undefined ? { httpProxy } : {}),
    ...(noProxy !== undefined ? { noProxy } : {}),
  };
}

export class ProxyConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The proxy to use for `target`, or undefined for a direct connection. Loopback targets are
 * proxied like any other unless NO_PROXY lists them (curl's rule, unlike Go's), because a user
 * who sets a proxy for a local registry means it.
 */
export function proxyFor(target: URL, settings: ProxySettings): URL | undefined {
  const secure = target.protocol === 'https:';
  const raw = secure ? settings.httpsProxy : settings.httpProxy;
  if (!raw) return undefined;
  const port = Number(target.port || (secure ? 443 : 80));
  if (settings.noProxy && bypassesProxy(target.hostname, port, settings.noProxy)) return undefined;
  const variable = secure ? 'HTTPS_PROXY' : 'HTTP_PROXY';
  let proxy: URL;
  try {
    proxy = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
  } catch {
    throw new ProxyConfigError(variable, `${variable} is not a valid URL`);
  }
  if (proxy.protocol !== 'http:' && proxy.protocol !== 'https:') {
    throw new ProxyConfigError(variable, `${variable} uses ${proxy.protocol.replace(/:$/, '')}, but only http:// and https:// proxies are supported`);
  }
  return proxy;
}

/**
 * NO_PROXY matching. Entries: `*` (everything), a domain (itself and its subdomains; a leading
 * `.` or `*.` is the same), an IP literal, a CIDR block, any of them with `:port` to limit the
 * match to one port. IPv6 literals may be bracketed.
 */
export function bypassesProxy(hostname: string, port: number, noProxy: string): boolean {
  const host = unbracket(hostname).toLowerCase().replace(/\.$/, '');
  const hostIpVersion = isIP(host);
  for (const rawEntry of noProxy.split(/[\s,]+/)) {
    const entry = rawEntry.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    const { name, entryPort } = splitPort(entry);
    if (entryPort !== undefined && entryPort !== port) continue;
    const bare = unbracket(name).replace(/\.$/, '');
    const slash = bare.indexOf('/');
    if (slash !== -1) {
      if (hostIpVersion === 0) continue;
      const network = bare.slice(0, slash);
      const prefix = Number(bare.slice(slash + 1));
      const version = isIP(network);
      if (version === 0 || !Number.isInteger(prefix)) continue;
      const list = new BlockList();
      try {
        list.addSubnet(network, prefix, version === 6 ? 'ipv6' : 'ipv4');
      } catch {
        continue;
      }
      if (list.check(host, hostIpVersion === 6 ? 'ipv6' : 'ipv4')) return true;
      continue;
    }
    if (isIP(bare) !== 0) {
      if (hostIpVersion !== 0 && sameIp(bare, host)) return true;
      continue;
    }
    const domain = bare.replace(/^\*?\./, '');
    if (!domain) continue;
    if (host === domain || host.endsWith(`.${domain}`)) return true;
  }
  return false;
}

function unbracket(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

function splitPort(entry: string): { name: string; entryPort?: number } {
  if (entry.startsWith('[')) {
    const close = entry.indexOf(']');
    const rest = entry.slice(close + 1);
    if (close !== -1 && /^:\d+$/.test(rest)) return { name: entry.slice(0, close + 1), entryPort: Number(rest.slice(1)) };
    return { name: entry };
  }
  // A bare IPv6 address has several colons and no port.
  const match = /^([^:]+):(\d+)$/.exec(entry);
  return match ? { name: match[1] as string, entryPort: Number(match[2]) } : { name: entry };
}

function sameIp(a: string, b: string): boolean {
  if (a === b) return true;
  const version = isIP(a);
  if (version !== isIP(b)) return false;
  // Different spellings of one IPv6 address (`::1` and `0:0:0:0:0:0:0:1`).
  const list = new BlockList();
  list.addAddress(a, version === 6 ? 'ipv6' : 'ipv4');
  return list.check(b, version === 6 ? 'ipv6' : 'ipv4');
}
