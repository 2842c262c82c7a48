import * as http from 'node:http';
import * as https from 'node:https';
import { isIP, type Socket } from 'node:net';
import * as tls from 'node:tls';
import { displayUrl } from './errors';
import { proxyFor, type ProxySettings } from './proxy';

/**
 * A small HTTP/1.1 client over node:http and node:https. Node's fetch cannot use a proxy and
 * gives no say over TLS roots per request; both are needed here, and a registry look-up is a
 * handful of tiny requests, so one connection per request is fine.
 */
export interface HttpRequest {
  readonly method: 'GET' | 'HEAD' | 'POST';
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Buffer;
  readonly signal: AbortSignal;
  /** Bodies beyond this are refused (manifests are capped at 4 MiB by the OCI spec). */
  readonly maxBodyBytes: number;
}

export interface HttpResponse {
  readonly status: number;
  /** Lower-case names; every value of a repeated header. */
  readonly headers: Readonly<Record<string, readonly string[]>>;
  readonly body: Buffer;
}

export interface TransportOptions {
  readonly proxy: ProxySettings;
  /** Trusted roots for HTTPS; undefined means Node's bundled roots. */
  readonly ca?: readonly string[];
}

export type TransportErrorCode =
  | 'aborted'
  | 'refused'
  | 'dns'
  | 'reset'
  | 'unreachable'
  | 'tls'
  /** TLS was attempted against a server that speaks plain HTTP. */
  | 'plain-http'
  | 'proxy'
  | 'too-large'
  | 'other';

export class TransportError extends Error {
  constructor(
    readonly code: TransportErrorCode,
    /** A short phrase for messages: "connection refused". */
    readonly detail: string,
    /** Set when the failure concerns the proxy rather than the registry. */
    readonly proxy?: string,
  ) {
    super(detail);
  }
}

export function firstHeader(response: HttpResponse, name: string): string | undefined {
  return response.headers[name]?.[0];
}

export async function sendRequest(request: HttpRequest, options: TransportOptions): Promise<HttpResponse> {
  if (request.signal.aborted) throw new TransportError('aborted', 'aborted');
  const { url } = request;
  const secure = url.protocol === 'https:';
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port || (secure ? 443 : 80));
  const path = `${url.pathname}${url.search}`;
  const headers: Record<string, string> = { ...request.headers, host: url.host, connection: 'close' };
  if (request.body) headers['content-length'] = String(request.body.length);
  const proxy = proxyFor(url, options.proxy);
  const tlsOptions = { ...(options.ca ? { ca: [...options.ca] } : {}), ...(isIP(hostname) ? {} : { servername: hostname }) };

  let outgoing: http.ClientRequest;
  if (!proxy) {
    const common = { method: request.method, host: hostname, port, path, headers, signal: request.signal, agent: false as const };
    outgoing = secure ? https.request({ ...common, ...tlsOptions }) : http.request(common);
  } else if (secure) {
    const socket = await tunnel(proxy, hostname, port, request.signal, tlsOptions);
    outgoing = http.request({ method: request.method, path, headers, signal: request.signal, createConnection: () => socket });
  } else {
    // Plain HTTP through a proxy is the absolute-form request line, not a tunnel.
    outgoing = http.request({
      method: request.method,
      host: proxy.hostname.replace(/^\[|\]$/g, ''),
      port: Number(proxy.port || 80),
      path: url.href,
      headers: { ...headers, ...proxyAuthorization(proxy) },
      signal: request.signal,
      agent: false,
    });
  }
  return collect(outgoing, request, proxy);
}

function collect(outgoing: http.ClientRequest, request: HttpRequest, proxy: URL | undefined): Promise<HttpResponse> {
  return new Promise<HttpResponse>((resolve, reject) => {
    let settled = false;
    const fail = (error: unknown): void => {
      if (settled) return;
      settled = true;
      outgoing.destroy();
      reject(toTransportError(error, request.signal, proxy && request.url.protocol === 'http:' ? proxy : undefined));
    };
    outgoing.once('error', fail);
    outgoing.once('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > request.maxBodyBytes) {
          response.destroy();
          fail(new TransportError('too-large', `the response is larger than ${request.maxBodyBytes} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      response.once('error', fail);
      response.once('close', () => {
        if (!response.complete) fail(new TransportError('reset', 'the connection closed mid-response'));
      });
      response.once('end', () => {
        if (settled) return;
        settled = true;
        const headers: Record<string, readonly string[]> = {};
        for (const [name, values] of Object.entries(response.headersDistinct)) {
          if (values) headers[name.toLowerCase()] = values;
        }
        resolve({ status: response.statusCode ?? 0, headers, body: Buffer.concat(chunks) });
      });
    });
    outgoing.end(request.body);
  });
}

/** Opens a CONNECT tunnel through `proxy` and starts TLS to the registry inside it. */
function tunnel(
  proxy: URL,
  hostname: string,
  port: number,
  signal: AbortSignal,
  tlsOptions: tls.ConnectionOptions,
): Promise<tls.TLSSocket> {
  const target = `${isIP(hostname) === 6 ? `[${hostname}]` : hostname}:${port}`;
  const proxyName = displayUrl(proxy);
  return new Promise<tls.TLSSocket>((resolve, reject) => {
    let settled = false;
    let raw: Socket | undefined;
    let secure: tls.TLSSocket | undefined;
    const onAbort = (): void => fail(new TransportError('aborted', 'aborted'));
    const fail = (error: unknown): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      secure?.destroy();
      raw?.destroy();
      connect.destroy();
      reject(error instanceof TransportError ? error : toTransportError(error, signal, undefined));
    };
    const requestOptions: http.RequestOptions = {
      method: 'CONNECT',
      host: proxy.hostname.replace(/^\[|\]$/g, ''),
      port: Number(proxy.port || (proxy.protocol === 'https:' ? 443 : 80)),
      path: target,
      headers: { host: target, ...proxyAuthorization(proxy) },
      agent: false,
    };
    const connect = proxy.protocol === 'https:' ? https.request(requestOptions) : http.request(requestOptions);
    signal.addEventListener('abort', onAbort, { once: true });
    connect.once('error', (error) => {
      if (signal.aborted) return fail(new TransportError('aborted', 'aborted'));
      const inner = toTransportError(error, signal, undefined);
      fail(new TransportError('proxy', `could not connect to the proxy (${inner.detail})`, proxyName));
    });
    connect.once('connect', (response, socket, head) => {
      raw = socket;
      if (response.statusCode !== 200) {
        fail(new TransportError('proxy', `the proxy refused the tunnel to ${target} (HTTP ${response.statusCode})`, proxyName));
        return;
      }
      if (head.length > 0) socket.unshift(head);
      // `host` is what the certificate is checked against; over a supplied socket it would
      // otherwise default to "localhost".
      secure = tls.connect({ ...tlsOptions, socket, host: hostname, ALPNProtocols: ['http/1.1'] });
      secure.once('secureConnect', () => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        resolve(secure as tls.TLSSocket);
      });
      secure.once('error', fail);
    });
    connect.end();
  });
}

function proxyAuthorization(proxy: URL): Record<string, string> {
  if (!proxy.username && !proxy.password) return {};
  const user = decodeURIComponent(proxy.username);
  const pass = decodeURIComponent(proxy.password);
  return { 'proxy-authorization': `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}` };
}

const TLS_TRUST_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
]);

function toTransportError(error: unknown, signal: AbortSignal, proxy: URL | undefined): TransportError {
  if (error instanceof TransportError) return error;
  if (signal.aborted || (error as Error | undefined)?.name === 'AbortError') return new TransportError('aborted', 'aborted');
  const err = error as NodeJS.ErrnoException & { reason?: string };
  const code = err?.code ?? '';
  const message = String(err?.message ?? error);
  const viaProxy = proxy ? displayUrl(proxy) : undefined;
  const make = (kind: TransportErrorCode, detail: string): TransportError =>
    viaProxy && (kind === 'refused' || kind === 'dns' || kind === 'unreachable')
      ? new TransportError('proxy', `could not connect to the proxy (${detail})`, viaProxy)
      : new TransportError(kind, detail);
  if (code === 'ECONNREFUSED') return make('refused', 'connection refused');
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') return make('dns', 'host name not found');
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ETIMEDOUT' || code === 'EADDRNOTAVAIL') {
    return make('unreachable', 'network unreachable');
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || /socket hang up/i.test(message)) return new TransportError('reset', 'the connection was closed');
  if (/wrong version number|http request|packet length too long|unknown protocol/i.test(message) || code === 'ERR_SSL_WRONG_VERSION_NUMBER') {
    return new TransportError('plain-http', 'the server does not speak HTTPS');
  }
  if (TLS_TRUST_CODES.has(code)) {
    const reason = code === 'ERR_TLS_CERT_ALTNAME_INVALID' ? 'the TLS certificate names another host' : `the TLS certificate is not trusted (${code})`;
    return new TransportError('tls', reason);
  }
  if (code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS') || code === 'EPROTO') return new TransportError('tls', `TLS failed (${code})`);
  return new TransportError('other', code ? `${code}` : message.slice(0, 120));
}
