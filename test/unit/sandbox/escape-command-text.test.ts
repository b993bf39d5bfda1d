import { describe, expect, it } from 'vitest';
import { escapeCommandText } from '../../../src/sandbox/slack/escape-command-text.js';
import { sandboxChannels, sandboxUsers } from '../../../src/sandbox/slack/sandbox-directory.js';

const workspace = { users: sandboxUsers, channels: sandboxChannels };

describe('slash command text with should_escape, as Slack sends it', () => {
  it('turns people, channels and links into their escaped forms', () => {
    expect(escapeCommandText('assign sdxl @alice', workspace)).toBe('assign sdxl <@U02ALICE|alice>');
    expect(escapeCommandText('list @Bob', workspace)).toBe('list <@U03BOB|bob>');
    expect(escapeCommandText('cost week @alice', workspace)).toBe('cost week <@U02ALICE|alice>');
    expect(escapeCommandText('digest here #gpu-team', workspace)).toBe('digest here <#C01GPU|gpu-team>');
    expect(escapeCommandText('stop x see https://a.io/b', workspace)).toBe('stop x see <https://a.io/b>');
  });

  it('encodes & < > and leaves unknown names as typed', () => {
    expect(escapeCommandText('stop a<b>&c @nobody', workspace)).toBe('stop a&lt;b&gt;&amp;c @nobody');
    expect(escapeCommandText('stop x mail@alice', workspace)).toBe('stop x mail@alice');
  });
});
