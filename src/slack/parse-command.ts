import { editDistance } from '../domain/pod-ref.js';
import { parseDuration } from '../lib/duration.js';
import { inlineCode, truncate } from '../lib/escape.js';
import { err, ok, type Result } from '../lib/result.js';
import { isValidTimeZone } from '../lib/time-zone.js';
import type { CostPeriod, ListFilter, PodCommand } from './command.js';
import { SUBCOMMANDS, type UsageName, usageLine } from './usage.js';

export type ParseError = { message: string };
type Parsed = Result<PodCommand, ParseError>;

const MAX_REASON = 500;
const MAX_GPUS = 10;
const MAX_LOG_LINES = 500;
const USER_MENTION = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/;
const CLOCK_TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;
const PERIODS: readonly CostPeriod[] = ['today', 'yesterday', 'week', 'month'];
const ALIASES: Record<string, UsageName> = { start: 'resume', ls: 'list', '?': 'help' };

/**
 * Slash text arrives with `&`, `<`, `>` encoded and, with should_escape, mentions as
 * `<@U123|name>`. Tokens are separated by any whitespace; `<…>` forms, "double quotes" and
 * `backticks` hold a token together, so pod names with spaces can be written.
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const pattern = /<[^>]*>|"([^"]*)"|“([^”]*)”|`([^`]*)`|\S+/gu;
  for (const match of text.normalize('NFC').matchAll(pattern)) {
    const quoted = match[1] ?? match[2] ?? match[3];
    tokens.push(quoted !== undefined ? quoted.trim() : match[0]);
  }
  return tokens.filter((token) => token.length > 0);
}

/** Slack's encoded text back to what the person typed; mentions and links become plain words. */
export function plainText(text: string): string {
  return text
    .replace(/<@([UW][A-Z0-9]+)\|([^>]+)>/g, '@$2')
    .replace(/<@([UW][A-Z0-9]+)>/g, '@$1')
    .replace(/<#([CGD][A-Z0-9]+)\|([^>]*)>/g, '#$2')
    .replace(/<#([CGD][A-Z0-9]+)>/g, '#$1')
    .replace(/<!subteam\^[A-Z0-9]+\|([^>]+)>/g, '$1')
    .replace(/<!(here|channel|everyone)(?:\|[^>]*)?>/g, '@$1')
    .replace(/<!date\^[^|>]*\|([^>]*)>/g, '$1')
    .replace(/<(https?:\/\/[^|>]+)(?:\|[^>]*)?>/g, '$1')
    .replace(/<mailto:([^|>]+)(?:\|[^>]*)?>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();
}

export const mentionedUser = (token: string): string | null => USER_MENTION.exec(token)?.[1] ?? null;

const fail = (message: string): Parsed => err({ message });

const needs = (name: UsageName, what: string): Parsed =>
  fail(`\`/pod ${name}\` needs ${what}.\n${usageLine(name)}`);

const tooMany = (name: UsageName, extra: readonly string[]): Parsed =>
  fail(`\`/pod ${name}\` does not take ${inlineCode(plainText(extra.join(' ')))}.\n${usageLine(name)}`);

const reasonOf = (tokens: readonly string[]): string | null => {
  const text = plainText(tokens.join(' '));
  return text.length > 0 ? truncate(text, MAX_REASON) : null;
};

function podOnly(
  name: 'status' | 'terminate' | 'claim' | 'exempt' | 'unexempt' | 'history' | 'connect',
  args: string[],
): Parsed {
  if (args.length === 0) return needs(name, 'a pod id or name');
  // A name with spaces may be typed without quotes when nothing else follows it.
  const pod = plainText(args.join(' '));
  return ok({ name, pod });
}

function parseList(args: string[]): Parsed {
  if (args.length > 1) return tooMany('list', args.slice(1));
  const word = args[0];
  if (word === undefined) return ok({ name: 'list', filter: { kind: 'all' } });
  const userId = mentionedUser(word);
  if (userId) return ok({ name: 'list', filter: { kind: 'user', userId } });
  const lower = word.toLowerCase();
  const simple: Record<string, ListFilter> = {
    all: { kind: 'all' },
    mine: { kind: 'mine' },
    running: { kind: 'running' },
    stopped: { kind: 'stopped' },
  };
  const filter = simple[lower];
  if (filter) return ok({ name: 'list', filter });
  if (word.startsWith('@')) {
    return fail(
      `I could not tell who ${inlineCode(plainText(word))} is: pick the person from Slack's @-menu so the mention becomes a link.\n${usageLine('list')}`,
    );
  }
  return fail(`${inlineCode(plainText(word))} is not a list filter.\n${usageLine('list')}`);
}

function parseResume(args: string[]): Parsed {
  const [pod, gpus, ...rest] = args;
  if (pod === undefined) return needs('resume', 'a pod id or name');
  if (rest.length > 0) return tooMany('resume', rest);
  if (gpus === undefined) return ok({ name: 'resume', pod: plainText(pod), gpuCount: null });
  if (!/^\d{1,3}$/.test(gpus) || Number(gpus) > MAX_GPUS) {
    return fail(
      `The GPU count must be a whole number from 0 to ${MAX_GPUS}, not ${inlineCode(plainText(gpus))}.\n${usageLine('resume')}`,
    );
  }
  return ok({ name: 'resume', pod: plainText(pod), gpuCount: Number(gpus) });
}

function parseLogs(args: string[]): Parsed {
  const [pod, lines, ...rest] = args;
  if (pod === undefined) return needs('logs', 'a pod id or name');
  if (rest.length > 0) return tooMany('logs', rest);
  if (lines === undefined) return ok({ name: 'logs', pod: plainText(pod), lines: null });
  if (!/^\d{1,4}$/.test(lines) || Number(lines) < 1 || Number(lines) > MAX_LOG_LINES) {
    return fail(
      `The number of lines must be a whole number from 1 to ${MAX_LOG_LINES}, not ${inlineCode(plainText(lines))}.\n${usageLine('logs')}`,
    );
  }
  return ok({ name: 'logs', pod: plainText(pod), lines: Number(lines) });
}

function parseAutoresume(args: string[]): Parsed {
  if (args.length === 0) return needs('autoresume', 'a pod and `on` or `off`');
  const last = args.at(-1) ?? '';
  const word = last.toLowerCase();
  if (word !== 'on' && word !== 'off') {
    if (args.length === 1) return needs('autoresume', '`on` or `off` after the pod');
    return fail(`Say \`on\` or \`off\`, not ${inlineCode(plainText(last))}.\n${usageLine('autoresume')}`);
  }
  if (args.length === 1) return needs('autoresume', 'a pod id or name before `on` or `off`');
  // A name with spaces may be typed without quotes: everything before on|off is the pod.
  return ok({ name: 'autoresume', pod: plainText(args.slice(0, -1).join(' ')), enabled: word === 'on' });
}

function parseKeep(args: string[]): Parsed {
  const [pod, spec, ...rest] = args;
  if (pod === undefined) return needs('keep', 'a pod and how long to keep it');
  if (spec === undefined) return needs('keep', 'how long to keep the pod, like `4h` or `until 18:00`');
  if (spec.toLowerCase() === 'until') {
    const [time, ...reason] = rest;
    const match = time === undefined ? null : CLOCK_TIME.exec(time);
    if (!match) return needs('keep', 'a time after `until`, like `until 18:00`');
    return ok({
      name: 'keep',
      pod: plainText(pod),
      keep: { kind: 'until', hour: Number(match[1]), minute: Number(match[2]) },
      reason: reasonOf(reason),
    });
  }
  const ms = parseDuration(spec);
  if (ms === null || ms <= 0) {
    return fail(
      `${inlineCode(plainText(spec))} is not a duration: write it like \`90m\`, \`4h\`, \`1h30m\` or \`until 18:00\`.\n${usageLine('keep')}`,
    );
  }
  return ok({ name: 'keep', pod: plainText(pod), keep: { kind: 'for', ms }, reason: reasonOf(rest) });
}

function parseCost(args: string[]): Parsed {
  let period: CostPeriod | null = null;
  let userId: string | null = null;
  for (const arg of args) {
    const lower = arg.toLowerCase() as CostPeriod;
    const mentioned = mentionedUser(arg);
    if (PERIODS.includes(lower) && period === null) period = lower;
    else if (mentioned && userId === null) userId = mentioned;
    else return fail(`${inlineCode(plainText(arg))} is not a period or a person here.\n${usageLine('cost')}`);
  }
  return ok({ name: 'cost', period: period ?? 'today', userId });
}

function canonicalZone(zone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
}

function parseDigest(args: string[]): Parsed {
  const [mode, ...rest] = args;
  const lower = mode?.toLowerCase();
  if (lower === 'off' || lower === 'now') {
    if (rest.length > 0) return tooMany('digest', rest);
    return ok({ name: lower === 'off' ? 'digest_off' : 'digest_now' });
  }
  if (lower !== 'here') return needs('digest', '`here`, `off` or `now`');
  let hour: number | null = null;
  let minute: number | null = null;
  let timeZone: string | null = null;
  for (const arg of rest) {
    const time = CLOCK_TIME.exec(arg);
    if (time && hour === null) {
      hour = Number(time[1]);
      minute = Number(time[2]);
    } else if (timeZone === null && /^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(arg) && isValidTimeZone(arg)) {
      timeZone = canonicalZone(arg);
    } else {
      return fail(
        `${inlineCode(plainText(arg))} is neither a time like \`09:00\` nor a time zone like \`Europe/Berlin\`.\n${usageLine('digest')}`,
      );
    }
  }
  return ok({ name: 'digest_here', hour, minute, timeZone });
}

function closestSubcommand(word: string): UsageName | null {
  const prefixed = SUBCOMMANDS.filter((name) => word.length >= 2 && name.startsWith(word));
  if (prefixed.length === 1 && prefixed[0]) return prefixed[0];
  let best: { name: UsageName; distance: number } | null = null;
  for (const name of SUBCOMMANDS) {
    const distance = editDistance(word, name);
    if (!best || distance < best.distance) best = { name, distance };
  }
  return best && best.distance <= (word.length <= 3 ? 1 : 2) ? best.name : null;
}

function unknown(word: string): Parsed {
  const guess = closestSubcommand(word.toLowerCase());
  const hint = guess ? ` Did you mean \`/pod ${guess}\`?` : '';
  const list = SUBCOMMANDS.map((name) => `\`${name}\``).join(' ');
  return fail(
    `I don't know ${inlineCode(truncate(plainText(word), 40))}.${hint}\nCommands: ${list}\nType \`/pod help\` for usage with examples.`,
  );
}

/** The whole /pod grammar (PRODUCT.md §1): slash text in, a command or a clear message out. */
export function parseCommand(text: string): Parsed {
  const [head, ...args] = tokenize(text);
  if (head === undefined) return ok({ name: 'help', card: true });
  const word = head.toLowerCase();
  const name = ALIASES[word] ?? word;

  switch (name) {
    case 'help':
      return ok({ name: 'help' });
    case 'list':
      return parseList(args);
    case 'status':
    case 'terminate':
    case 'claim':
    case 'exempt':
    case 'unexempt':
    case 'history':
    case 'connect':
      return podOnly(name, args);
    case 'stop': {
      const [pod, ...reason] = args;
      if (pod === undefined) return needs('stop', 'a pod id or name');
      return ok({ name: 'stop', pod: plainText(pod), reason: reasonOf(reason) });
    }
    case 'resume':
      return parseResume(args);
    case 'deploy':
      return args.length > 0 ? tooMany('deploy', args) : ok({ name: 'deploy' });
    case 'assign': {
      const [pod, user, ...rest] = args;
      if (pod === undefined || user === undefined)
        return needs('assign', 'a pod and the person to give it to');
      if (rest.length > 0) return tooMany('assign', rest);
      const userId = mentionedUser(user);
      if (!userId) {
        return fail(
          `I could not tell who ${inlineCode(plainText(user))} is: pick the person from Slack's @-menu so the mention becomes a link.\n${usageLine('assign')}`,
        );
      }
      return ok({ name: 'assign', pod: plainText(pod), userId });
    }
    case 'keep':
      return parseKeep(args);
    case 'logs':
      return parseLogs(args);
    case 'autoresume':
      return parseAutoresume(args);
    case 'idle':
      return args.length > 0 ? tooMany('idle', args) : ok({ name: 'idle' });
    case 'cost':
      return parseCost(args);
    case 'digest':
      return parseDigest(args);
    default:
      return unknown(head);
  }
}
