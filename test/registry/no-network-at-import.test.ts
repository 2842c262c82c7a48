import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import { test } from 'node:test';

/**
 * The resolver must not touch the network or the Docker config until a user asks for a pin:
 * importing it and building a resolver (as the server does at start) opens no socket and reads
 * no file. This file imports the module itself, after the spies are in place.
 */
test('importing the registry module and creating a resolver opens no connection and reads no config', { timeout: 10_000 }, async () => {
  const connections: unknown[] = [];
  const reads: string[] = [];
  const originalConnect = net.Socket.prototype.connect;
  const originalReadFile = fs.promises.readFile;
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    connections.push(args[0]);
    return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof originalConnect;
  fs.promises.readFile = (async (...args: Parameters<typeof originalReadFile>) => {
    reads.push(String(args[0]));
    return originalReadFile(...args);
  }) as typeof originalReadFile;
  try {
    const registry = await import('../../server/src/registry/index.js');
    const resolver = new registry.RegistryResolver({ useDockerConfig: true, dockerConfigPath: '/nonexistent/config.json', env: { HTTPS_PROXY: 'http://127.0.0.1:9' } });
    resolver.configure({ insecureHosts: ['127.0.0.1:5000'], useDockerConfig: true });
    resolver.clearCache();
    registry.pinDigestTitle('nginx:1.27');
    // Let any stray timer or promise run before looking.
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(connections, []);
    assert.deepEqual(reads.filter((path) => /config\.json/.test(path)), []);

    // The spies do see what a look-up does (a closed loopback port: refused at once).
    const probe = new registry.RegistryResolver({ useDockerConfig: true, dockerConfigPath: '/nonexistent/config.json', insecureHosts: ['127.0.0.1:1'], env: {} });
    const result = await probe.resolve('127.0.0.1:1/team/app:1');
    assert.equal(result.ok, false);
    assert.ok(connections.length > 0, 'the connect spy works');
    assert.ok(reads.includes('/nonexistent/config.json'), 'the read spy works');
  } finally {
    net.Socket.prototype.connect = originalConnect;
    fs.promises.readFile = originalReadFile;
  }
});
