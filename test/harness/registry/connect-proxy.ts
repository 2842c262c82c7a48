import { once } from 'node:events';
import { createServer, request as httpRequest } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { isLoopbackHost } from './loopback-guard';

/**
 * A forward proxy on loopback that records what it carries: CONNECT tunnels (for HTTPS) and
 * absolute-form requests (for plain HTTP). It forwards to loopback only and answers 403 for any
 * other target, so a routing mistake can never leave the machine through it.
 */
export interface RecordingProxy {
  readonly url: string;
  /** `host:port` of every CONNECT. */
  readonly tunnels: string[];
  /** The Proxy-Authorization header of each CONNECT or forwarded request, when sent. */
  readonly proxyAuthorizations: string[];
  /** Absolute URLs of every plain request. */
  readonly forwarded: string[];
  readonly refused: string[];
  close(): Promise<void>;
}

export async function startRecordingProxy(): Promise<RecordingProxy> {
  const tunnels: string[] = [];
  const forwarded: string[] = [];
  const refused: string[] = [];
  const proxyAuthorizations: string[] = [];
  const sockets = new Set<Socket>();
  const track = (socket: Socket): void => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };

  const server = createServer((req, res) => {
    const target = req.url ?? '';
    if (req.headers['proxy-authorization']) proxyAuthorizations.push(req.headers['proxy-authorization']);
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (!isLoopbackHost(url.hostname.replace(/^\[|\]$/g, ''))) {
      refused.push(target);
      res.writeHead(403).end();
      return;
    }
    forwarded.push(target);
    const { 'proxy-authorization': _credentials, ...headers } = req.headers;
    const upstream = httpRequest(
      { host: url.hostname, port: url.port || 80, method: req.method, path: `${url.pathname}${url.search}`, headers, agent: false },
      (response) => {
        res.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });

  server.on('connection', track);
  server.on('connect', (req, client: Socket, head: Buffer) => {
    const target = req.url ?? '';
    if (req.headers['proxy-authorization']) proxyAuthorizations.push(req.headers['proxy-authorization']);
    const colon = target.lastIndexOf(':');
    const host = target.slice(0, colon).replace(/^\[|\]$/g, '');
    const port = Number(target.slice(colon + 1));
    if (colon === -1 || !isLoopbackHost(host) || !Number.isInteger(port)) {
      refused.push(target);
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    tunnels.push(target);
    const upstream = connect(port, host);
    track(upstream);
    upstream.once('connect', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });

  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    tunnels,
    proxyAuthorizations,
    forwarded,
    refused,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
