import { EventEmitter, once } from 'node:events';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { sha256 } from './push';

/**
 * A scripted registry in Node, for what a real registry will not do on request: omit or falsify
 * Docker-Content-Digest, never answer, redirect forever, rate-limit, speak TLS with a test
 * certificate. Requests are recorded and announced on `events` ('request'), so tests wait on
 * events, not on time.
 */
export interface FakeManifest {
  readonly body: Buffer;
  readonly mediaType: string;
}

export type DigestHeaderMode = 'correct' | 'missing' | 'wrong' | 'malformed';

export interface FakeRegistryOptions {
  readonly tls?: { readonly cert: string; readonly key: string };
  /** `name:tag` → manifest. */
  readonly manifests?: Readonly<Record<string, FakeManifest>>;
  readonly headDigest?: DigestHeaderMode;
  readonly getDigest?: DigestHeaderMode;
  /** Status for HEAD instead of serving (405 to force GET, 429 for rate limits). */
  readonly headStatus?: number;
  /** Read requests and never answer. */
  readonly hang?: boolean;
  /** Redirect every manifest request to itself with a counter. */
  readonly redirectLoop?: boolean;
  /** Redirect manifest requests to this URL (e.g. a plain-HTTP address). */
  readonly redirectTo?: string;
  /** Demand this exact Authorization header, answering 401 with `challenge` otherwise. */
  readonly requireAuthorization?: string;
  readonly challenge?: string;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
}

export interface FakeRegistry {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly requests: RecordedRequest[];
  readonly events: EventEmitter;
  /** Resolves on the next request (or at once when one already came after `since`). */
  nextRequest(since?: number): Promise<RecordedRequest>;
  close(): Promise<void>;
}

const WRONG_DIGEST = `sha256:${'0'.repeat(64)}`;

export async function startFakeRegistry(options: FakeRegistryOptions): Promise<FakeRegistry> {
  const requests: RecordedRequest[] = [];
  const events = new EventEmitter();
  const sockets = new Set<Socket>();

  const digestHeader = (mode: DigestHeaderMode | undefined, body: Buffer): Record<string, string> => {
    switch (mode ?? 'correct') {
      case 'missing':
        return {};
      case 'wrong':
        return { 'docker-content-digest': WRONG_DIGEST };
      case 'malformed':
        return { 'docker-content-digest': 'sha256:not-a-digest' };
      default:
        return { 'docker-content-digest': sha256(body) };
    }
  };

  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const record: RecordedRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers };
    requests.push(record);
    events.emit('request', record);
    if (options.hang) return;
    const url = new URL(req.url ?? '/', 'http://fake');
    if (url.pathname === '/v2/' || url.pathname === '/v2') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      return;
    }
    const match = /^\/v2\/(.+)\/manifests\/([^/]+)$/.exec(url.pathname);
    if (!match) {
      res.writeHead(404).end();
      return;
    }
    if (options.requireAuthorization !== undefined && req.headers.authorization !== options.requireAuthorization) {
      res.writeHead(401, options.challenge ? { 'www-authenticate': options.challenge } : {}).end();
      return;
    }
    if (options.redirectLoop) {
      const hop = Number(url.searchParams.get('hop') ?? '0') + 1;
      res.writeHead(307, { location: `${url.pathname}?hop=${hop}` }).end();
      return;
    }
    if (options.redirectTo) {
      res.writeHead(302, { location: options.redirectTo }).end();
      return;
    }
    if (req.method === 'HEAD' && options.headStatus !== undefined) {
      res.writeHead(options.headStatus).end();
      return;
    }
    const manifest = options.manifests?.[`${match[1]}:${match[2]}`];
    if (!manifest) {
      const body = JSON.stringify({ errors: [{ code: 'MANIFEST_UNKNOWN', message: 'manifest unknown' }] });
      res.writeHead(404, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    const head = req.method === 'HEAD';
    res.writeHead(200, {
      'content-type': manifest.mediaType,
      'content-length': manifest.body.length,
      ...digestHeader(head ? options.headDigest : options.getDigest, manifest.body),
    });
    res.end(head ? undefined : manifest.body);
  };

  const server = options.tls ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, handler) : createHttpServer(handler);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  // A TLS handshake from a client that then gives up is not a test failure.
  server.on('tlsClientError', () => undefined);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    port,
    requests,
    events,
    nextRequest(since = requests.length) {
      const already = requests[since];
      if (already) return Promise.resolve(already);
      return once(events, 'request').then(([record]) => record as RecordedRequest);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A manifest body of the given media type, for fake registries. */
export function fakeManifest(mediaType: string, seed: string): FakeManifest {
  return {
    mediaType,
    body: Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType, config: { digest: sha256(Buffer.from(seed)) }, layers: [] })),
  };
}
