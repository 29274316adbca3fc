/** Which URLs may leave the app for the system browser: absolute http(s) only, no credentials in the URL. */
export function isSafeExternalUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 8192) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  return url.hostname !== '' && url.username === '' && url.password === '';
}
