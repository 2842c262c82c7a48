import { randomUUID, sign } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { issuerCert, type CertPair } from './certs';

/**
 * A token service for docker-registry's `auth: token` mode: `GET /token?service=…&scope=…`
 * answers `{"token": <RS256 JWT>}` with the access the scope asks for. It can also check
 * credentials the way Docker Hub does: a private repository gets no access without valid Basic
 * credentials (or an OAuth2 refresh token posted as a form), but still a token, so the registry,
 * not the issuer, says no.
 */
export interface TokenRequestRecord {
  readonly method: string;
  readonly query: URLSearchParams;
  readonly form?: URLSearchParams;
  readonly authorization?: string;
}

export interface TokenIssuer {
  /** The realm to put in the registry's config. */
  readonly realm: string;
  /** `127.0.0.1:<port>`, for insecureHosts. */
  readonly host: string;
  readonly service: string;
  readonly issuer: string;
  readonly cert: CertPair;
  readonly requests: TokenRequestRecord[];
  /** A token granting `actions` on `repository` (for pushing from tests). */
  mint(repository: string, actions: readonly string[]): string;
  close(): Promise<void>;
}

export interface TokenIssuerOptions {
  readonly dir: string;
  readonly service?: string;
  readonly issuer?: string;
  /** username → password accepted with Basic auth. */
  readonly users?: Readonly<Record<string, string>>;
  /** refresh token → username, accepted by the OAuth2 form POST. */
  readonly refreshTokens?: Readonly<Record<string, string>>;
  /** Repositories that only authenticated users may pull. */
  readonly privateRepositories?: readonly string[];
  readonly expiresIn?: number;
}

function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

export async function startTokenIssuer(options: TokenIssuerOptions): Promise<TokenIssuer> {
  const service = options.service ?? 'kubeward-test-registry';
  const issuerName = options.issuer ?? 'kubeward-test-issuer';
  const cert = await issuerCert(options.dir, issuerName);
  const requests: TokenRequestRecord[] = [];
  const privateRepos = new Set(options.privateRepositories ?? []);
  const expiresIn = options.expiresIn ?? 300;

  const mintFor = (subject: string, access: { type: string; name: string; actions: string[] }[]): string => {
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: 'RS256', typ: 'JWT', x5c: [cert.certDerBase64] };
    const claims = { iss: issuerName, sub: subject, aud: service, iat: now, nbf: now - 10, exp: now + expiresIn, jti: randomUUID(), access };
    const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
    return `${input}.${base64url(sign('sha256', Buffer.from(input), cert.keyPem))}`;
  };

  const grant = (scopes: readonly string[], user: string | undefined) =>
    scopes.flatMap((scope) => {
      const [type, name, actions] = scope.split(':');
      if (type !== 'repository' || !name || !actions) return [];
      if (privateRepos.has(name) && user === undefined) return [{ type, name, actions: [] as string[] }];
      return [{ type, name, actions: actions.split(',') }];
    });

  const reply = (res: ServerResponse, status: number, body: unknown): void => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };

  const handle = (req: IncomingMessage, res: ServerResponse, body: string): void => {
    const url = new URL(req.url ?? '/', 'http://issuer');
    if (url.pathname !== '/token') return reply(res, 404, { error: 'not found' });
    const form = req.method === 'POST' ? new URLSearchParams(body) : undefined;
    requests.push({
      method: req.method ?? '',
      query: url.searchParams,
      ...(form ? { form } : {}),
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    });
    let user: string | undefined;
    if (form) {
      if (form.get('grant_type') !== 'refresh_token') return reply(res, 400, { error: 'unsupported_grant_type' });
      user = options.refreshTokens?.[form.get('refresh_token') ?? ''];
      if (user === undefined) return reply(res, 401, { error: 'invalid_grant' });
      const token = mintFor(user, grant((form.get('scope') ?? '').split(' ').filter(Boolean), user));
      return reply(res, 200, { access_token: token, expires_in: expiresIn });
    }
    const authorization = req.headers.authorization;
    if (authorization?.startsWith('Basic ')) {
      const decoded = Buffer.from(authorization.slice(6), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      const name = decoded.slice(0, colon);
      if (colon === -1 || options.users?.[name] !== decoded.slice(colon + 1)) return reply(res, 401, { details: 'incorrect username or password' });
      user = name;
    }
    const token = mintFor(user ?? '', grant(url.searchParams.getAll('scope'), user));
    reply(res, 200, { token, access_token: token, expires_in: expiresIn, issued_at: new Date().toISOString() });
  };

  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => handle(req, res, body));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    realm: `http://127.0.0.1:${port}/token`,
    host: `127.0.0.1:${port}`,
    service,
    issuer: issuerName,
    cert,
    requests,
    mint: (repository, actions) => mintFor('pusher', [{ type: 'repository', name: repository, actions: [...actions] }]),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
