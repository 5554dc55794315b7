// reports/safe-text.ts: the text helpers behind the safe outputs.
import { describe, expect, it } from 'vitest';
import { httpUrl, mdCell, mdLink, oneLine, stripControls } from '../../src/reports/safe-text.js';
import { esc } from '../../src/reports/svg.js';

describe('control characters', () => {
  it('stripControls removes bidirectional overrides and isolates (text shown in another order than stored)', () => {
    expect(stripControls('a\u202Eb\u202Ac\u2066d\u2069e')).toBe('abcde');
  });

  it('stripControls keeps tab and line breaks, removes the rest of C0, DEL and C1', () => {
    expect(stripControls('a\u0000b\u0007c\u001b[1md\u007fe\u0085f\u009bg\th\ni\rj')).toBe('abc[1mdefg\th\ni\rj');
    // Not controls: no-break space, soft hyphen, emoji, Dutch letters.
    expect(stripControls('\u00a0\u00ad🙂ĳ é')).toBe('\u00a0\u00ad🙂ĳ é');
  });

  it('oneLine turns tabs and line breaks into spaces', () => {
    expect(oneLine('a\tb\r\nc\u001bd')).toBe('a b  cd');
  });

  it('esc (HTML and SVG) removes them too', () => {
    expect(esc('<b title="x">\u001b[2J&</b>')).toBe('&lt;b title=&quot;x&quot;&gt;[2J&amp;&lt;/b&gt;');
  });
});

describe('httpUrl', () => {
  it.each([
    ['https://x.com/i/status/1', 'https://x.com/i/status/1'],
    ['HTTP://Example.org', 'http://example.org/'],
    [' https://x.com/a b', 'https://x.com/a%20b'],
    ['javascript:alert(1)', null],
    ['JAVASCRIPT:alert(1)', null],
    ['java\nscript:alert(1)', null],
    ['data:text/html,x', null],
    ['mailto:a@b.nl', null],
    ['//x.com/a', null],
    ['', null],
    [null, null],
  ])('%j -> %j', (url, out) => {
    expect(httpUrl(url)).toBe(out);
  });
});

describe('Markdown', () => {
  it('mdCell makes text inert in a table cell', () => {
    expect(mdCell('<script>x</script> [a](javascript:b) ![i](https://t/p.png) a|b \\[c]\nd')).toBe(
      '&lt;script&gt;x&lt;/script&gt; \\[a\\](javascript:b) !\\[i\\](https://t/p.png) a\\|b \\\\\\[c\\] d',
    );
  });

  it('mdLink links http(s) only, with a destination that cannot end early', () => {
    expect(mdLink('post', 'https://x.com/i/status/1')).toBe('[post](https://x.com/i/status/1)');
    expect(mdLink('post', 'https://a.nl/x)(y|z\\w')).toBe('[post](https://a.nl/x%29%28y%7Cz/w)');
    expect(mdLink('post', 'javascript:alert(1)')).toBe('-');
    expect(mdLink('post', null, 'no link')).toBe('no link');
  });
});
