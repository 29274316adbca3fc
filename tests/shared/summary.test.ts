import { describe, expect, it } from 'vitest';
import { messageTitle, summarize } from '../../shared/summary';

describe('summarize', () => {
  it('uses JSON title and message/text when present', () => {
    expect(summarize('{"title":"Deploy","message":"v2 is live"}')).toBe('Deploy: v2 is live');
    expect(summarize('{"text":"  plain\\n text  "}')).toBe('plain text');
    expect(summarize('{"title":"Only a title","count":3}')).toBe('Only a title');
  });

  it('falls back to the first non-empty line for other data', () => {
    expect(summarize('\n\n  hello   world \nsecond')).toBe('hello world');
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

describe('JSON without a title or message, and a message that repeats its title', () => {
  it('shows a JSON object without title or message as its key: value pairs', () => {
    expect(summarize('{"id":1,"value":2}')).toBe('id: 1 · value: 2');
    expect(summarize('{"orderId":"A-17","total":9.5,"paid":true,"items":[1,2],"to":{"city":"Lyon"},"note":null}')).toBe(
      'orderId: A-17 · total: 9.5 · paid: true · items: […] · to: {…} · note: null',
    );
    expect(summarize('{}')).toBe('{}');
  });

  it('says a title once when the message starts with it', () => {
    expect(summarize('{"title":"Deploy started","message":"Deploy started (#86) by ana"}')).toBe(
      'Deploy started (#86) by ana',
    );
    expect(summarize('{"title":"Deploy","message":"v2 is live"}')).toBe('Deploy: v2 is live');
  });

  it('heads an open message with its title, else its summary', () => {
    expect(messageTitle('{"title":"Deploy started","message":"Deploy started (#86)"}')).toBe('Deploy started');
    expect(messageTitle('{"orderId":7}')).toBe('orderId: 7');
    expect(messageTitle('first line\nsecond')).toBe('first line');
  });
});

describe('summaries of JSON cut short or too large to parse', () => {
  const big = JSON.stringify({
    title: 'Nightly "build" #42 failed',
    message: 'see log',
    log: 'x'.repeat(100_000),
  });

  it('read title and message from a list preview (the first 8,192 characters of a large message)', () => {
    const preview = big.slice(0, 8192);
    expect(() => JSON.parse(preview)).toThrow();
    expect(summarize(preview)).toBe('Nightly "build" #42 failed: see log');
  });

  it('read them from whole JSON too large to parse for a summary', () => {
    expect(big.length).toBeGreaterThan(64 * 1024);
    expect(summarize(big)).toBe('Nightly "build" #42 failed: see log');
  });

  it('fall back to the first line when no wanted field survived the cut', () => {
    expect(summarize('{"log":"aaa')).toBe('{"log":"aaa');
    expect(summarize('{"title":"cut in the mid')).toBe('{"title":"cut in the mid');
  });
});
