import { expect, test } from 'vitest';
import { RetryScanner } from '../../../electron/main/core/feeds/retry-scanner';

function scanAll(text: string | Buffer, cuts: number[]): number | null {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  const scanner = new RetryScanner();
  let last: number | null = null;
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    const found = scanner.scan(bytes.subarray(from, cut));
    if (found !== null) last = found;
    from = cut;
  }
  return last;
}

test('finds retry lines at line starts only, with any line ending, however the bytes are cut', () => {
  const cases: [string, number | null][] = [
    ['retry: 100\n\n', 100],
    ['retry:250\r\n', 250],
    ['data: x\rretry: 7\r', 7],
    ['data: retry: 9\n\n', null],
    ['retry: 12a\n', null],
    ['retry: \n', null],
    ['retry: 1\nretry: 2\n', 2],
    ['\uFEFFretry: 33\n', 33],
    [`retry: ${2 ** 32}\n`, 2 ** 32],
    ['xretry: 5\n', null],
    [': retry: 5\n', null],
  ];
  let seed = 7;
  const random = (n: number): number => {
    seed = (seed * 48271) % 2147483647;
    return seed % n;
  };
  for (const [text, expected] of cases) {
    const length = Buffer.byteLength(text);
    expect(scanAll(text, []), JSON.stringify(text)).toBe(expected);
    expect(
      scanAll(
        text,
        Array.from({ length: length - 1 }, (_, i) => i + 1),
      ),
      `${JSON.stringify(text)} per byte`,
    ).toBe(expected);
    for (let trial = 0; trial < 20; trial++) {
      const cuts = [...new Set(Array.from({ length: 3 }, () => 1 + random(length - 1)))].sort((a, b) => a - b);
      expect(scanAll(text, cuts), `${JSON.stringify(text)} cut at ${cuts}`).toBe(expected);
    }
  }
});

test('an unterminated retry line is reported once its line ends in a later chunk', () => {
  const scanner = new RetryScanner();
  expect(scanner.scan(Buffer.from('data: a\n\nretry: 4'))).toBeNull();
  expect(scanner.scan(Buffer.from('00'))).toBeNull();
  expect(scanner.scan(Buffer.from('\ndata: b\n\n'))).toBe(400);
});
