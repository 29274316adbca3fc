import { describe, expect, test } from 'vitest';
import { decodeEntities, htmlToText } from '../../../electron/main/core/profiles/html-text';

describe('HTML to plain text (Mastodon content)', () => {
  test('paragraphs, line breaks and lists', () => {
    expect(htmlToText('<p>one</p><p>two<br>three<br/>four</p><ul><li>a</li><li>b</li></ul>')).toBe(
      'one\n\ntwo\nthree\nfour\n\n• a\n• b',
    );
  });

  test('links keep their URL; mentions and hashtags stay text', () => {
    expect(htmlToText('<a href="https://x.example/page">read this</a>')).toBe('read this (https://x.example/page)');
    expect(htmlToText('<a href="https://x.example/page">x.example/page</a>')).toBe('https://x.example/page');
    expect(htmlToText('<a class="mention hashtag" href="https://m.example/tags/a">#<span>a</span></a>')).toBe('#a');
  });

  test('scripts, styles, comments and attributes never reach the text; entities are decoded once', () => {
    expect(htmlToText('<p>a<script>alert("x")</script><style>p{}</style><!-- c -->b</p>')).toBe('ab');
    expect(htmlToText('<img src=x onerror="alert(1)">&lt;b&gt;bold&lt;/b&gt; &amp;amp;')).toBe('<b>bold</b> &amp;');
    expect(decodeEntities('&#x1F600; &#128512; &#0; &bogus;')).toBe('😀 😀 \ufffd &bogus;');
  });
});
