/**
 * Loopback port helpers for tests that start real third-party servers (nginx + nchan, Pushpin) on 127.0.0.1,
 * and where those servers' binaries are on a Debian machine.
 */
import { existsSync } from 'node:fs';
import net from 'node:net';

/** A port free right now on 127.0.0.1 (the server is told to listen on it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Whether something accepts TCP connections on 127.0.0.1:port. */
export async function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Debian's nginx and its nchan module (packages nginx-light, libnginx-mod-nchan), or why they cannot run. */
export const NGINX = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/local/nginx/sbin/nginx'].find((p) =>
  existsSync(p),
);
export const NCHAN_MODULE = [
  '/usr/lib/nginx/modules/ngx_nchan_module.so',
  '/usr/local/nginx/modules/ngx_nchan_module.so',
].find((p) => existsSync(p));
export const nchanMissing = !NGINX
  ? 'nginx binary not found'
  : !NCHAN_MODULE
    ? 'nchan module (ngx_nchan_module.so) not found'
    : null;
