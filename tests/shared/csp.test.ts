import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RENDERER_CSP } from '../../shared/csp';

const directives = (policy: string): string[] =>
  policy
    .split(';')
    .map((d) => d.trim().replace(/\s+/g, ' '))
    .filter(Boolean)
    .sort();

describe('renderer CSP', () => {
  it('is strict: nothing inline, nothing remote, no eval', () => {
    expect(RENDERER_CSP).toContain("default-src 'none'");
    expect(RENDERER_CSP).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  });

  it('the <meta> policy in index.html is the header policy (frame-ancestors only works as a header)', () => {
    const html = readFileSync(resolve(__dirname, '../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    const header = directives(RENDERER_CSP).filter((d) => !d.startsWith('frame-ancestors'));
    expect(directives(meta ?? '')).toEqual(header);
  });
});
