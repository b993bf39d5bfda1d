import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, inlineCode, truncate } from '../../../src/lib/escape.js';
import { sparkline } from '../../../src/lib/sparkline.js';

describe('escapeMrkdwn', () => {
  it('defuses broadcasts, mentions and links', () => {
    expect(escapeMrkdwn('<!channel> <@U123> <http://x|y> a&b')).toBe(
      '&lt;!channel&gt; &lt;@U123&gt; &lt;http://x|y&gt; a&amp;b',
    );
  });

  it('keeps inline code from being broken out of', () => {
    expect(inlineCode('a`b<')).toBe('`aˋb&lt;`');
    expect(truncate('abcdef', 4)).toBe('abc…');
  });
});

describe('sparkline', () => {
  it('draws 0–100 % as eight bars and marks missing samples', () => {
    expect(sparkline([0, 12.5, 50, 99, 100, null])).toBe('▁▂▅██·');
    expect(sparkline([])).toBe('');
    expect(sparkline([-5, 250])).toBe('▁█');
  });
});
