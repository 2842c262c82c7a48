import * as net from 'node:net';

/**
 * Makes any attempt to open a TCP connection to a non-loopback address fail before DNS or a SYN,
 * and remembers it. The registry tests must never leave the machine; this turns a mistake (a test
 * that resolves `docker.io` for real, a proxy variable leaking in) into a visible failure.
 */
export interface LoopbackGuard {
  readonly violations: readonly string[];
  uninstall(): void;
}

const LOOPBACK_NAMES = new Set(['localhost', '::1', '0:0:0:0:0:0:0:1', '[::1]']);

export function isLoopbackHost(host: string | undefined): boolean {
  if (host === undefined || host === '') return true; // Node's default host is localhost.
  const h = host.toLowerCase();
  return LOOPBACK_NAMES.has(h) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || /^::ffff:127\./.test(h);
}

let installed: LoopbackGuard | undefined;

export function installLoopbackGuard(): LoopbackGuard {
  if (installed) return installed;
  const violations: string[] = [];
  const original = net.Socket.prototype.connect;
  const patched = function (this: net.Socket, ...args: unknown[]): net.Socket {
    const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
    let host: string | undefined;
    let ipc = false;
    if (typeof first === 'object' && first !== null) {
      const options = first as { host?: string; path?: string };
      if (options.path !== undefined) ipc = true;
      host = options.host;
    } else if (typeof first === 'string' && !/^\d+$/.test(first)) {
      ipc = true;
    } else if (typeof args[1] === 'string') {
      host = args[1];
    }
    if (!ipc && !isLoopbackHost(host)) {
      const message = `registry tests may contact loopback only; refused a connection to ${host}`;
      violations.push(message);
      throw new Error(message);
    }
    return (original as (...a: unknown[]) => net.Socket).apply(this, args);
  };
  net.Socket.prototype.connect = patched as typeof original;
  installed = {
    violations,
    uninstall() {
      net.Socket.prototype.connect = original;
      installed = undefined;
    },
  };
  return installed;
}
