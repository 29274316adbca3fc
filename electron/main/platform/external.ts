import { isHttpUrl } from '../../../shared/rules';

/** Which URLs may leave the app for the system browser: absolute http(s) only, no credentials in the URL. */
export function isSafeExternalUrl(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 8192 && isHttpUrl(value);
}
