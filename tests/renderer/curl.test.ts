/** A pasted curl command fills the feed's URL and headers. */
import { expect, test } from 'vitest';
import { looksSecret, parseCurl } from '../../renderer/src/lib/curl';

test('reads the URL and the headers, quoted the way a shell quotes them', () => {
  expect(parseCurl(`curl -N -H 'Authorization: Bearer abc 123' https://ntfy.sh/orders/sse`)).toEqual({
    url: 'https://ntfy.sh/orders/sse',
    headers: [{ name: 'Authorization', value: 'Bearer abc 123' }],
  });
  expect(
    parseCurl(
      'curl --no-buffer \\\n  --header "X-Api-Key: k\\"q" \\\n  -A tidings/1 -b "sid=1" -X GET --url "https://h.example/a?b=1&c=2"',
    ),
  ).toEqual({
    url: 'https://h.example/a?b=1&c=2',
    headers: [
      { name: 'X-Api-Key', value: 'k"q' },
      { name: 'User-Agent', value: 'tidings/1' },
      { name: 'Cookie', value: 'sid=1' },
    ],
  });
});

test('anything else is not a curl command', () => {
  expect(parseCurl('https://example.com/events')).toBeNull();
  expect(parseCurl('curl')).toBeNull();
  expect(parseCurl(`curl -H 'unterminated`)).toBeNull();
  expect(parseCurl('curly https://x')).toBeNull();
});

test('credential-like headers are kept secret', () => {
  expect(['Authorization', 'Cookie', 'X-Api-Key', 'X-Auth-Token'].every(looksSecret)).toBe(true);
  expect(['Accept', 'User-Agent', 'Last-Event-ID'].some(looksSecret)).toBe(false);
});
