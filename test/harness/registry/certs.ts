import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run, which } from './util';

export interface CertPair {
  readonly certPath: string;
  readonly keyPath: string;
  readonly certPem: string;
  readonly keyPem: string;
  /** The certificate's DER, standard base64 (for a JWT `x5c` header). */
  readonly certDerBase64: string;
}

export function opensslAvailable(): boolean {
  return which('openssl') !== undefined;
}

/** A self-signed EC certificate for `127.0.0.1` (IP SAN), for an HTTPS server on loopback. */
export function loopbackTlsCert(dir: string): Promise<CertPair> {
  return makeCert(dir, 'tls', ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'], '/CN=127.0.0.1', ['-addext', 'subjectAltName=IP:127.0.0.1']);
}

/** An RSA key and self-signed certificate for the token issuer (the registry verifies RS256). */
export function issuerCert(dir: string, commonName: string): Promise<CertPair> {
  return makeCert(dir, 'issuer', ['-newkey', 'rsa:2048'], `/CN=${commonName}`, []);
}

async function makeCert(dir: string, name: string, keyArgs: string[], subject: string, extra: string[]): Promise<CertPair> {
  const certPath = join(dir, `${name}-cert.pem`);
  const keyPath = join(dir, `${name}-key.pem`);
  await run('openssl', ['req', '-x509', ...keyArgs, '-nodes', '-keyout', keyPath, '-out', certPath, '-days', '1', '-subj', subject, ...extra]);
  const certPem = await readFile(certPath, 'utf8');
  const keyPem = await readFile(keyPath, 'utf8');
  const certDerBase64 = certPem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
  return { certPath, keyPath, certPem, keyPem, certDerBase64 };
}
