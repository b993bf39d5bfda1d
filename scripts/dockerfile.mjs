// Pure helpers for scripts/check-dockerfile.mjs: read a Dockerfile and a .dockerignore, and
// decide how each RUN command is replayed outside a container. Plain Node ESM, no dependencies.
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Splits shell-like text into words: single and double quotes group, a backslash escapes the
 * next character outside single quotes. Enough for ENV, COPY and RUN lines of a Dockerfile.
 */
export function splitWords(text) {
  const words = [];
  let current = '';
  let inWord = false;
  let quote = null;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = null;
      else if (ch === '\\' && quote === '"' && i + 1 < text.length) current += text[++i];
      else current += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (ch === '\\' && i + 1 < text.length) {
      current += text[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += ch;
      inWord = true;
    }
  }
  if (quote) throw new Error(`unterminated ${quote} quote in: ${text}`);
  if (inWord) words.push(current);
  return words;
}

/** Splits a RUN shell line on top-level `&&`; other shell control operators are refused. */
export function splitCommands(text) {
  const parts = [];
  let current = '';
  let quote = null;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = null;
      current += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      current += ch;
    } else if (ch === '&' && text[i + 1] === '&') {
      parts.push(current.trim());
      current = '';
      i += 1;
    } else if (ch === ';' || ch === '|' || ch === '&' || (ch === '$' && text[i + 1] === '(') || ch === '`') {
      throw new Error(`RUN uses shell syntax the check cannot replay (${ch}): ${text}`);
    } else {
      current += ch;
    }
  }
  parts.push(current.trim());
  return parts.filter((part) => part.length > 0);
}

function parseExecOrShell(text) {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    const value = JSON.parse(trimmed);
    if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
      throw new Error(`exec form must be a JSON array of strings: ${trimmed}`);
    }
    return { form: 'exec', argv: value };
  }
  return { form: 'shell', command: trimmed };
}

function takeFlags(words) {
  const flags = {};
  let i = 0;
  while (i < words.length && words[i].startsWith('--')) {
    const [name, ...value] = words[i].slice(2).split('=');
    flags[name] = value.length > 0 ? value.join('=') : true;
    i += 1;
  }
  return { flags, rest: words.slice(i) };
}

function parseEnv(text) {
  const words = splitWords(text);
  if (words.length === 0) throw new Error('ENV needs a value');
  if (!words[0].includes('=')) return [[words[0], words.slice(1).join(' ')]];
  return words.map((word) => {
    const at = word.indexOf('=');
    if (at <= 0) throw new Error(`ENV expects key=value pairs: ${text}`);
    return [word.slice(0, at), word.slice(at + 1)];
  });
}

function parseInstruction(keyword, rest, line) {
  switch (keyword) {
    case 'FROM': {
      const words = splitWords(rest);
      const { flags, rest: args } = takeFlags(words);
      const asAt = args.findIndex((word) => word.toUpperCase() === 'AS');
      return { keyword, line, image: args[0], name: asAt >= 0 ? args[asAt + 1] : null, flags };
    }
    case 'RUN':
      return { keyword, line, command: rest.trim() };
    case 'COPY':
    case 'ADD': {
      const trimmed = rest.trim();
      const { flags, rest: words } = takeFlags(splitWords(trimmed));
      const paths = words.length === 1 && words[0].startsWith('[') ? JSON.parse(words[0]) : words;
      if (paths.length < 2) throw new Error(`line ${line}: ${keyword} needs a source and a destination`);
      return { keyword, line, flags, sources: paths.slice(0, -1), destination: paths[paths.length - 1] };
    }
    case 'ENV':
      return { keyword, line, pairs: parseEnv(rest) };
    case 'ARG': {
      const [word] = splitWords(rest);
      const at = word.indexOf('=');
      return at < 0
        ? { keyword, line, name: word, value: null }
        : { keyword, line, name: word.slice(0, at), value: word.slice(at + 1) };
    }
    case 'WORKDIR':
    case 'USER':
    case 'STOPSIGNAL':
      return { keyword, line, value: rest.trim() };
    case 'EXPOSE':
      return { keyword, line, ports: splitWords(rest).map((port) => Number.parseInt(port, 10)) };
    case 'VOLUME': {
      const parsed = parseExecOrShell(rest);
      return { keyword, line, paths: parsed.form === 'exec' ? parsed.argv : splitWords(parsed.command) };
    }
    case 'CMD':
    case 'ENTRYPOINT':
      return { keyword, line, ...parseExecOrShell(rest) };
    case 'HEALTHCHECK': {
      const words = splitWords(rest);
      if (words[0]?.toUpperCase() === 'NONE') return { keyword, line, none: true };
      const { flags } = takeFlags(words);
      const cmdAt = rest.search(/\bCMD\b/);
      if (cmdAt < 0) throw new Error(`line ${line}: HEALTHCHECK needs CMD`);
      return { keyword, line, none: false, flags, ...parseExecOrShell(rest.slice(cmdAt + 3)) };
    }
    case 'LABEL':
    case 'SHELL':
    case 'ONBUILD':
    case 'MAINTAINER':
      return { keyword, line, text: rest.trim() };
    default:
      throw new Error(`line ${line}: unknown instruction ${keyword}`);
  }
}

/**
 * Reads a Dockerfile into its stages. Continuation lines are joined, comment lines dropped
 * (also inside a continuation, as Docker does). ARGs before the first FROM are global.
 */
export function parseDockerfile(text) {
  const logical = [];
  let buffer = '';
  let startLine = 0;
  text.split(/\r?\n/).forEach((raw, index) => {
    const trimmed = raw.trim();
    if (trimmed.startsWith('#') || (trimmed === '' && buffer === '')) return;
    if (buffer === '') startLine = index + 1;
    if (trimmed.endsWith('\\')) {
      buffer += `${trimmed.slice(0, -1)} `;
      return;
    }
    buffer += trimmed;
    logical.push({ line: startLine, text: buffer });
    buffer = '';
  });
  if (buffer !== '') logical.push({ line: startLine, text: buffer });

  const globalArgs = [];
  const stages = [];
  for (const { line, text: instructionText } of logical) {
    const match = /^(\w+)\s*(.*)$/s.exec(instructionText);
    if (!match) throw new Error(`line ${line}: cannot read instruction`);
    const instruction = parseInstruction(match[1].toUpperCase(), match[2], line);
    if (instruction.keyword === 'FROM') {
      stages.push({
        index: stages.length,
        name: instruction.name,
        image: instruction.image,
        line,
        instructions: [],
      });
    } else if (stages.length === 0) {
      if (instruction.keyword !== 'ARG') throw new Error(`line ${line}: ${instruction.keyword} before FROM`);
      globalArgs.push(instruction);
    } else {
      stages[stages.length - 1].instructions.push(instruction);
    }
  }
  if (stages.length === 0) throw new Error('the Dockerfile has no FROM');
  return { globalArgs, stages };
}

function globToRegExp(pattern) {
  let source = '';
  for (let i = 0; i < pattern.length; i += 1) {
    const ch = pattern[i];
    if (ch === '*' && pattern[i + 1] === '*') {
      const slash = pattern[i + 2] === '/';
      source += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (ch === '*') source += '[^/]*';
    else if (ch === '?') source += '[^/]';
    else source += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/**
 * Returns `isExcluded(relativePath)` for a .dockerignore text: the last matching pattern wins,
 * `!` re-includes, and a pattern that matches a directory excludes everything under it.
 */
export function createDockerignore(text) {
  const rules = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const negated = line.startsWith('!');
      const pattern = path.posix.normalize((negated ? line.slice(1) : line).trim().replace(/^\/+/, ''));
      return { negated, regex: globToRegExp(pattern.replace(/\/$/, '')) };
    });
  return (relativePath) => {
    const parts = path.posix.normalize(relativePath).split('/');
    const candidates = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
    let excluded = false;
    for (const rule of rules) {
      if (candidates.some((candidate) => rule.regex.test(candidate))) excluded = !rule.negated;
    }
    return excluded;
  };
}

const SKIPPED_COMMANDS = [
  [/^apt-get\s/, 'system packages come from this machine'],
  [/^apk\s/, 'system packages come from this machine'],
  [/^rm\s+-rf?\s+\/var\/lib\/apt\/lists/, 'apt lists exist only in the image'],
  [/^chown\s/, 'image users do not exist here'],
  [/^chmod\s/, 'image users do not exist here'],
  [/^(useradd|groupadd|adduser|addgroup)\s/, 'image users do not exist here'],
  [/^npm\s+cache\s+clean/, "it would empty this machine's npm cache"],
];

/**
 * Decides how one command of a RUN line is replayed outside a container:
 * `npm` runs (npm ci gains --prefer-offline to use the local cache), `node <script>` runs a
 * script of the stage with this machine's node, `mkdir` runs inside the stage's directory, commands that only make sense in an image are skipped with the reason,
 * and anything else is refused so that a new RUN step cannot go unchecked.
 */
export function planCommand(command) {
  for (const [pattern, reason] of SKIPPED_COMMANDS) {
    if (pattern.test(command)) return { kind: 'skip', reason };
  }
  const words = splitWords(command);
  if (words[0] === 'npm') {
    const args = words.slice(1);
    if (args[0] === 'ci' || args[0] === 'install' || args[0] === 'i') {
      return { kind: 'npm', args: [...args, '--prefer-offline', '--no-audit', '--no-fund'] };
    }
    return { kind: 'npm', args };
  }
  if (
    words[0] === 'node' &&
    words.length >= 2 &&
    /^[\w./-]+\.m?js$/.test(words[1]) &&
    !words[1].startsWith('/')
  ) {
    return { kind: 'node', args: words.slice(1) };
  }
  if (words[0] === 'mkdir') {
    return { kind: 'mkdir', paths: words.slice(1).filter((word) => !word.startsWith('-')) };
  }
  return { kind: 'unknown' };
}

function platformMatches(entry, libc) {
  const fits = (list, value) =>
    !list ||
    list.some((item) => item === value) ||
    (list.every((item) => item.startsWith('!')) && !list.includes(`!${value}`));
  return fits(entry.os, process.platform) && fits(entry.cpu, process.arch) && fits(entry.libc, libc);
}

function resolveInLock(packages, fromKey, name) {
  let base = fromKey;
  for (;;) {
    const key = base === '' ? `node_modules/${name}` : `${base}/node_modules/${name}`;
    if (packages[key]) return key;
    if (base === '') return null;
    const at = base.lastIndexOf('node_modules/');
    base = at <= 0 ? '' : base.slice(0, at - 1);
  }
}

/**
 * Lock entries that `npm ci` installs on this platform (walked from the root through
 * dependencies, optional and non-optional peer dependencies, and the root's devDependencies
 * unless `omitDev`) whose tarballs are not in the npm cache at `cacheDir`. Empty when
 * `npm ci --prefer-offline` can run without a registry.
 */
export function missingFromNpmCache(lock, cacheDir, { omitDev = false } = {}) {
  const libc = process.report?.getReport?.().header?.glibcVersionRuntime ? 'glibc' : 'musl';
  const packages = lock.packages ?? {};
  const seen = new Set(['']);
  const queue = [''];
  const missing = [];
  while (queue.length > 0) {
    const key = queue.shift();
    const entry = packages[key];
    const optionalPeers = entry.peerDependenciesMeta ?? {};
    const names = [
      ...Object.keys(entry.dependencies ?? {}),
      ...Object.keys(entry.optionalDependencies ?? {}),
      ...Object.keys(entry.peerDependencies ?? {}).filter((name) => !optionalPeers[name]?.optional),
      ...(key === '' && !omitDev ? Object.keys(entry.devDependencies ?? {}) : []),
    ];
    for (const name of names) {
      const found = resolveInLock(packages, key, name);
      if (!found || seen.has(found)) continue;
      seen.add(found);
      const target = packages[found];
      if (!platformMatches(target, libc)) continue;
      queue.push(found);
      if (target.link || !target.integrity) continue;
      const [algorithm, base64] = target.integrity.split(/\s+/)[0].split(/-(.*)/s);
      const hex = Buffer.from(base64, 'base64').toString('hex');
      const file = path.join(
        cacheDir,
        '_cacache',
        'content-v2',
        algorithm,
        hex.slice(0, 2),
        hex.slice(2, 4),
        hex.slice(4),
      );
      if (!existsSync(file)) missing.push(found.replace(/^.*node_modules\//, ''));
    }
  }
  return missing;
}
