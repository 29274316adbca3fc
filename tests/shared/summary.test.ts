import { describe, expect, it } from 'vitest';
import { summarize } from '../../shared/summary';

describe('summarize', () => {
  it('uses JSON title and message/text when present', () => {
    expect(summarize('{"title":"Deploy","message":"v2 is live"}')).toBe('Deploy: v2 is live');
    expect(summarize('{"text":"  plain\\n text  "}')).toBe('plain text');
    expect(summarize('{"title":"Only a title","count":3}')).toBe('Only a title');
  });

  it('falls back to the first non-empty line for other data', () => {
    expect(summarize('\n\n  hello   world \nsecond')).toBe('hello world');
    expect(summarize('{"id":1,"value":2}')).toBe('{"id":1,"value":2}');
    expect(summarize('[1,2,3]')).toBe('[1,2,3]');
    expect(summarize('{not json')).toBe('{not json');
  });

  it('truncates long text with an ellipsis, counting characters not UTF-16 units', () => {
    const long = 'x'.repeat(500);
    const out = summarize(long, 20);
    expect(Array.from(out)).toHaveLength(20);
    expect(out.endsWith('…')).toBe(true);
    expect(summarize('😀'.repeat(30), 10)).toBe(`${'😀'.repeat(9)}…`);
  });
});
