/**
 * What only Electron knows about the network, for core's transport (core/net/transport.ts): the system proxy for
 * a URL and the operating system's trusted certificates. Feeds themselves connect through Node (undici), never
 * through net.fetch: that runs on Chromium's socket pool, 6 connections per host, and a seventh feed on one
 * server would never connect.
 *
 *  - Proxy: `session.defaultSession.resolveProxy(url)` — "Resolves with the proxy information for `url`"
 *    (electron.d.ts, Session), a PAC string such as "DIRECT" or "PROXY host:port; DIRECT". It follows the
 *    system settings, PAC scripts and command-line switches, as Chromium would. The session exists once the app
 *    is ready, so the composition root passes it in after 'ready'.
 *  - Certificates: Node ≥ 22.15 / 23.5 offers `tls.getCACertificates('system')` (Electron 45 ships Node 24);
 *    where it is missing (Node 20 running the tests) the list is empty and Node's bundled roots are used alone.
 */
import * as tls from 'node:tls';
import type { Session } from 'electron';
import type { TransportOptions } from '../core/net/transport';

type CaSource = { getCACertificates?: (type: 'system') => string[] };

/** The OS's trusted certificates as PEM, if this Node can read them. Read once (it may take a while). */
export function systemCertificates(source: CaSource = tls as CaSource): () => string[] {
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

/** The platform's network facts for createCore({ network }). */
export function platformNetwork(
  session: Pick<Session, 'resolveProxy'>,
  certificates: () => readonly string[] = systemCertificates(),
): TransportOptions {
  return { resolveProxy: (url) => session.resolveProxy(url), systemCertificates: certificates };
}
