/**
 * What only Electron knows about the network, for core's transport (core/net/transport.ts): the system proxy for
 * a URL and the operating system's trusted certificates. Feeds themselves connect through Node (undici), never
 * through net.fetch: that runs on Chromium's socket pool, 6 connections per host, and a seventh feed on one
 * server would never connect.
 *
 *  - Proxy: `session.defaultSession.resolveProxy(url)` — "Resolves with the proxy information for `url`"
 *    (electron.d.ts, Session), a PAC string such as "DIRECT" or "PROXY host:port; DIRECT". It honours the
 *    system settings, PAC scripts and command-line switches, as Chromium would.
 *  - Certificates: Node ≥ 22.15 / 23.5 offers `tls.getCACertificates('system')` (Electron 45 ships Node 24);
 *    where it is missing (Node 20 running the tests) the list is empty and Node's bundled roots are used alone.
 */
import * as tls from 'node:tls';
import { session } from 'electron';
import type { TransportOptions } from '../core/net/transport';

type CaSource = (type: 'system') => string[];

/** The OS's trusted certificates as PEM, if this Node can read them. Read once (it may take a while). */
export function systemCertificates(source: { getCACertificates?: CaSource } = tls as never): () => string[] {
  let cached: string[] | null = null;
  return () => {
    if (cached !== null) return cached;
    cached = [];
    if (typeof source.getCACertificates === 'function') {
      try {
        cached = source.getCACertificates('system');
      } catch {
        cached = [];
      }
    }
    return cached;
  };
}

/** The platform's network facts for createCore({ network }). Call after app 'ready' (session needs it). */
export function platformNetwork(
  resolveProxy: (url: string) => Promise<string> = (url) => session.defaultSession.resolveProxy(url),
  certificates: () => string[] = systemCertificates(),
): TransportOptions {
  return { resolveProxy, systemCertificates: certificates };
}
