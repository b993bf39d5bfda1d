import { describe, expect, it } from 'vitest';
import { parseCommand, plainText, tokenize } from '../../../src/slack/parse-command.js';

const parsed = (text: string) => {
  const result = parseCommand(text);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(text)} to parse, got: ${result.error.message}`);
  return result.value;
};

const message = (text: string) => {
  const result = parseCommand(text);
  if (result.ok)
    throw new Error(`expected ${JSON.stringify(text)} to fail, got ${JSON.stringify(result.value)}`);
  return result.error.message;
};

describe('parseCommand: every subcommand', () => {
  it.each([
    ['', { name: 'help', card: true }],
    ['   ', { name: 'help', card: true }],
    ['help', { name: 'help' }],
    ['HELP me', { name: 'help' }],
    ['list', { name: 'list', filter: { kind: 'all' } }],
    ['list all', { name: 'list', filter: { kind: 'all' } }],
    ['list mine', { name: 'list', filter: { kind: 'mine' } }],
    ['list Running', { name: 'list', filter: { kind: 'running' } }],
    ['list stopped', { name: 'list', filter: { kind: 'stopped' } }],
    ['list <@U123ABC|alice>', { name: 'list', filter: { kind: 'user', userId: 'U123ABC' } }],
    ['list <@U123ABC>', { name: 'list', filter: { kind: 'user', userId: 'U123ABC' } }],
    ['status llama-ft', { name: 'status', pod: 'llama-ft' }],
    ['status my big pod', { name: 'status', pod: 'my big pod' }],
    ['stop abc123', { name: 'stop', pod: 'abc123', reason: null }],
    ['stop abc123 done for today', { name: 'stop', pod: 'abc123', reason: 'done for today' }],
    ['stop "my pod" finished', { name: 'stop', pod: 'my pod', reason: 'finished' }],
    ['stop `llama-ft`', { name: 'stop', pod: 'llama-ft', reason: null }],
    ['resume abc123', { name: 'resume', pod: 'abc123', gpuCount: null }],
    ['start abc123 2', { name: 'resume', pod: 'abc123', gpuCount: 2 }],
    ['resume abc123 0', { name: 'resume', pod: 'abc123', gpuCount: 0 }],
    ['terminate old-run', { name: 'terminate', pod: 'old-run' }],
    ['deploy', { name: 'deploy' }],
    ['autoresume sdxl on', { name: 'autoresume', pod: 'sdxl', enabled: true }],
    ['autoresume sdxl OFF', { name: 'autoresume', pod: 'sdxl', enabled: false }],
    ['autoresume my spot pod on', { name: 'autoresume', pod: 'my spot pod', enabled: true }],
    ['claim sdxl', { name: 'claim', pod: 'sdxl' }],
    ['assign sdxl <@U0BOB|bob>', { name: 'assign', pod: 'sdxl', userId: 'U0BOB' }],
    ['keep llama 4h', { name: 'keep', pod: 'llama', keep: { kind: 'for', ms: 4 * 3_600_000 }, reason: null }],
    [
      'keep llama 1h30m eval tonight',
      { name: 'keep', pod: 'llama', keep: { kind: 'for', ms: 5_400_000 }, reason: 'eval tonight' },
    ],
    [
      'keep llama until 18:30 demo',
      { name: 'keep', pod: 'llama', keep: { kind: 'until', hour: 18, minute: 30 }, reason: 'demo' },
    ],
    [
      'keep llama UNTIL 9:05',
      { name: 'keep', pod: 'llama', keep: { kind: 'until', hour: 9, minute: 5 }, reason: null },
    ],
    ['exempt db', { name: 'exempt', pod: 'db' }],
    ['unexempt db', { name: 'unexempt', pod: 'db' }],
    ['idle', { name: 'idle' }],
    ['cost', { name: 'cost', period: 'today', userId: null }],
    ['cost week', { name: 'cost', period: 'week', userId: null }],
    ['cost month <@U9|zoe>', { name: 'cost', period: 'month', userId: 'U9' }],
    ['cost <@U9|zoe> yesterday', { name: 'cost', period: 'yesterday', userId: 'U9' }],
    ['history llama', { name: 'history', pod: 'llama' }],
    ['digest here', { name: 'digest_here', hour: null, minute: null, timeZone: null }],
    ['digest here 09:00', { name: 'digest_here', hour: 9, minute: 0, timeZone: null }],
    [
      'digest here 09:00 Europe/Berlin',
      { name: 'digest_here', hour: 9, minute: 0, timeZone: 'Europe/Berlin' },
    ],
    [
      'digest here europe/berlin 7:30',
      { name: 'digest_here', hour: 7, minute: 30, timeZone: 'Europe/Berlin' },
    ],
    ['digest off', { name: 'digest_off' }],
    ['digest NOW', { name: 'digest_now' }],
  ])('%j', (text, expected) => {
    expect(parsed(text)).toEqual(expected);
  });
});

describe('parseCommand: what people really type', () => {
  it('asks for a pod and on or off after /pod autoresume', () => {
    expect(message('autoresume')).toContain('`/pod autoresume` needs a pod and `on` or `off`');
    expect(message('autoresume sdxl')).toContain('needs `on` or `off` after the pod');
    expect(message('autoresume on')).toContain('needs a pod id or name before `on` or `off`');
    expect(message('autoresume sdxl yes')).toContain('Say `on` or `off`, not `yes`');
    expect(message('autoresume sdxl <b>')).toContain('Usage: `/pod autoresume &lt;pod&gt; on|off`');
  });

  it('ignores extra and unusual whitespace', () => {
    expect(parsed('  stop\t\tabc123    out of   budget ')).toEqual({
      name: 'stop',
      pod: 'abc123',
      reason: 'out of budget',
    });
    expect(parsed('stop\u00a0abc123')).toEqual({ name: 'stop', pod: 'abc123', reason: null });
  });

  it('takes subcommands in any case', () => {
    expect(parsed('STOP abc123')).toMatchObject({ name: 'stop' });
    expect(parsed('Status abc123')).toMatchObject({ name: 'status' });
  });

  it('keeps unicode pod names and reasons', () => {
    expect(parsed('stop modèle-日本 fertig für heute 🎉')).toEqual({
      name: 'stop',
      pod: 'modèle-日本',
      reason: 'fertig für heute 🎉',
    });
  });

  it('turns mentions and broadcasts in a reason into harmless plain words', () => {
    const command = parsed('stop abc123 <!channel> ask <@U123|bob> &lt;b&gt; &amp; co');
    expect(command).toEqual({ name: 'stop', pod: 'abc123', reason: '@channel ask @bob <b> & co' });
  });
});

describe('parseCommand: clear messages for mistakes', () => {
  it('names an unknown subcommand and suggests the closest one', () => {
    const text = message('stpo abc123');
    expect(text).toContain("I don't know `stpo`");
    expect(text).toContain('Did you mean `/pod stop`?');
    expect(text).toContain('/pod help');
  });

  it('escapes garbage it repeats back', () => {
    const text = message('<!channel> hello');
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('@channel');
    expect(message('&lt;script&gt;')).toContain('&lt;script&gt;');
  });

  it('handles pure garbage and emoji', () => {
    expect(message('🤖🤖🤖')).toContain('/pod help');
    expect(message('%%%')).toContain("I don't know");
  });

  it.each([
    ['stop', '`/pod stop` needs a pod id or name', 'Usage: `/pod stop &lt;pod&gt; [reason]`'],
    ['status', '`/pod status` needs a pod', 'Usage: `/pod status &lt;pod&gt;`'],
    ['terminate', '`/pod terminate` needs a pod', 'Usage: `/pod terminate &lt;pod&gt;`'],
    ['claim', '`/pod claim` needs a pod', 'Usage: `/pod claim &lt;pod&gt;`'],
    ['history', '`/pod history` needs a pod', 'Usage'],
    ['exempt', '`/pod exempt` needs a pod', 'Usage'],
    ['resume', '`/pod resume` needs a pod', 'Usage: `/pod resume &lt;pod&gt; [gpus]`'],
    ['resume abc two', 'whole number from 0 to 10', 'Usage'],
    ['resume abc 11', 'whole number from 0 to 10', 'Usage'],
    ['resume abc 1 2', 'does not take `2`', 'Usage'],
    ['assign sdxl', 'needs a pod and the person', 'Usage: `/pod assign &lt;pod&gt; @user`'],
    ['assign sdxl bob', 'pick the person from Slack', 'Usage'],
    ['assign sdxl @bob', 'pick the person from Slack', 'Usage'],
    ['keep llama', 'needs how long', 'Usage: `/pod keep'],
    ['keep llama forever', '`forever` is not a duration', 'Usage'],
    ['keep llama 0m', 'is not a duration', 'Usage'],
    ['keep llama until', 'a time after `until`', 'Usage'],
    ['keep llama until 25:00', 'a time after `until`', 'Usage'],
    ['list everything', '`everything` is not a list filter', 'Usage: `/pod list'],
    ['list @bob', 'pick the person from Slack', 'Usage'],
    ['list mine extra', 'does not take `extra`', 'Usage'],
    ['cost decade', '`decade` is not a period', 'Usage: `/pod cost'],
    ['cost week week', '`week` is not a period', 'Usage'],
    ['digest', 'needs `here`, `off` or `now`', 'Usage: `/pod digest'],
    ['digest here Mars/Olympus', 'neither a time', 'Usage'],
    ['digest here 9am', 'neither a time', 'Usage'],
    ['digest off please', 'does not take', 'Usage'],
    ['deploy big', 'does not take `big`', 'Usage: `/pod deploy`'],
    ['idle now', 'does not take `now`', 'Usage'],
  ])('%j', (text, explains, usage) => {
    const got = message(text);
    expect(got).toContain(explains);
    expect(got).toContain(usage);
  });
});

describe('tokenize and plainText', () => {
  it('keeps Slack’s <…> forms and quoted names as single tokens', () => {
    expect(tokenize('assign "a b" <@U1|Jane Doe>')).toEqual(['assign', 'a b', '<@U1|Jane Doe>']);
  });

  it('reads links, channels and dates as words', () => {
    expect(plainText('see <https://x.io/a|x.io> in <#C1|ml-team> <!here>')).toBe(
      'see https://x.io/a in #ml-team @here',
    );
  });
});
