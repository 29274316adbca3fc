/**
 * The renderer's Content-Security-Policy, sent as a header by every host that serves it (the app:// protocol in
 * Electron, the loopback web harness in tests). renderer/index.html carries the same policy in a <meta> tag
 * without frame-ancestors (ignored in <meta>); tests/renderer checks that the two agree.
 */
export const RENDERER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
