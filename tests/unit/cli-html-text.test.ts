import { describe, expect, it } from 'vitest';
import { textOfStatusHtml } from '../../shared/text/status-text.ts';

describe('a status as terminal text', () => {
  it('keeps a raw < a server left unescaped, and decodes entities', () => {
    expect(textOfStatusHtml('<p>5 < 6 && 7 > 3</p>')).toBe('5 < 6 && 7 > 3');
    expect(textOfStatusHtml('<p>a &lt;b&gt; &amp; caf&eacute; &#x1F600;</p>')).toBe('a <b> & café 😀');
  });

  it('keeps line breaks and paragraphs', () => {
    expect(textOfStatusHtml('<p>one<br>two</p><p>three</p>')).toBe('one\ntwo\n\nthree');
  });

  it('gives a long link whole, and drops what is not text', () => {
    expect(textOfStatusHtml('<p><a href="https://example.com/a/long/path"><span class="invisible">https://</span><span class="ellipsis">example.com/a/lo</span><span class="invisible">ng/path</span></a></p>')).toBe('https://example.com/a/long/path');
    expect(textOfStatusHtml('<p>seen<script>alert(1)</script><style>p{}</style></p>')).toBe('seen');
  });
});
