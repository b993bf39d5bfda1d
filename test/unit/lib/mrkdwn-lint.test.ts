import { describe, expect, it } from 'vitest';
import { unescapedMrkdwn } from '../../../src/lib/mrkdwn-lint.js';

describe('unescapedMrkdwn', () => {
  it("accepts Slack's control sequences and entities", () => {
    const text =
      '<@U02ALICE> <@U02ALICE|alice> <#C01GPU|gpu-team> <!here> <https://x.io/a?b=1&amp;c=2|docs> ' +
      '<!date^1764600000^{date_short_pretty} {time}|Mon 1 Dec 14:40 UTC> `&lt;pod&gt;` &amp;';
    expect(unescapedMrkdwn(text)).toEqual([]);
  });

  it('finds literal brackets, code spans included, and bare ampersands', () => {
    expect(unescapedMrkdwn('`/pod stop <pod>`')).toHaveLength(2);
    expect(unescapedMrkdwn('R&D')).toEqual(['&D']);
    expect(unescapedMrkdwn('a -> b')).toEqual(['a ->']);
    expect(unescapedMrkdwn('<!date^12|broken>')).toHaveLength(2);
  });
});
