#!/usr/bin/env node
// Checks the Dockerfile without a Docker engine: replays its stages in a temporary directory
// (COPY what it copies, run the npm steps with the local npm cache, create its directories),
// then starts the runtime stage's CMD with the image's environment, waits for /healthz, runs
// the HEALTHCHECK command, sends SIGTERM and expects exit 0 within the contract's 5 s.
//
//   node scripts/check-dockerfile.mjs [--context DIR] [--dockerfile FILE] [--keep]
//       [--health-timeout-ms N] [--stop-budget-ms N]
//
// Exit status: 0 passed, 1 failed, 75 skipped (the npm cache cannot serve an offline install
// and CI is not "true"; under CI=true npm fetches what the cache lacks and the check runs).
import { spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createDockerignore,
  missingFromNpmCache,
  parseDockerfile,
  planCommand,
  splitCommands,
} from './dockerfile.mjs';

export const EXIT_PASSED = 0;
export const EXIT_FAILED = 1;
export const EXIT_SKIPPED = 75;

const TEST_ENV = {
  SLACK_BOT_TOKEN: 'xoxb-0000-check-dockerfile',
  SLACK_SIGNING_SECRET: 'check-dockerfile-signing-secret',
  RUNPOD_API_KEY: 'check-dockerfile-runpod-key',
  LOG_LEVEL: 'info',
};

function log(message) {
  process.stdout.write(`[check-dockerfile] ${message}\n`);
}

/** An expected failure of the check: printed as one message, without a stack. */
function fail(message) {
  throw Object.assign(new Error(message), { checkFailed: true });
}

function parseArgs(argv) {
  const scriptDir = path.dirname(fileURLToPath(import.meta.url));
  const options = {
    context: path.resolve(scriptDir, '..'),
    dockerfile: null,
    keep: false,
    healthTimeoutMs: 120_000,
    stopBudgetMs: 5_000,
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) fail(`${arg} needs a value`);
      return next;
    };
    if (arg === '--context') options.context = path.resolve(value());
    else if (arg === '--dockerfile') options.dockerfile = path.resolve(value());
    else if (arg === '--keep') options.keep = true;
    else if (arg === '--health-timeout-ms') options.healthTimeoutMs = Number(value());
    else if (arg === '--stop-budget-ms') options.stopBudgetMs = Number(value());
    else fail(`unknown option ${arg}`);
  }
  options.dockerfile ??= path.join(options.context, 'Dockerfile');
  return options;
}

/** The host variables a replayed step may see: enough to find node/npm and the npm cache. */
function hostEnv() {
  const keep = {};
  const npmConfig = new Set(['cache', 'registry', 'nodedir', 'userconfig', 'globalconfig', 'cafile']);
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    const npmKey = /^npm_config_(.+)$/i.exec(key)?.[1]?.toLowerCase();
    if (['HOME', 'TMPDIR', 'LANG'].includes(key) || /^(https?|no)_proxy$/i.test(key)) keep[key] = value;
    else if (npmKey && npmConfig.has(npmKey)) keep[key] = value;
  }
  // The repo's own node_modules/.bin (npm puts it on PATH for `npm test`) must not leak in.
  keep.PATH = (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter((dir) => !dir.endsWith(`node_modules${path.sep}.bin`))
    .join(path.delimiter);
  return keep;
}

function expand(text, vars) {
  return text.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, braced, bare) => vars[braced ?? bare] ?? '');
}

function parseDurationMs(text, fallback) {
  if (typeof text !== 'string') return fallback;
  const match = /^(\d+)(ms|s|m)$/.exec(text);
  if (!match) return fallback;
  return Number(match[1]) * { ms: 1, s: 1000, m: 60_000 }[match[2]];
}

function nodeMajorOf(image) {
  return /^node:(\d+)/.exec(image ?? '')?.[1] ?? null;
}

/** Rules of the product's image that hold before anything runs. */
function staticProblems(dockerfile) {
  const problems = [];
  const hostMajor = Number(process.versions.node.split('.')[0]);
  for (const stage of dockerfile.stages) {
    const major = nodeMajorOf(stage.image);
    if (major === null)
      problems.push(`line ${stage.line}: FROM ${stage.image} is not an official node image`);
    else if (Number(major) < hostMajor) {
      // A newer image Node is fine: the app supports every Node from package.json's engines on,
      // and this check replays on the oldest one it supports.
      problems.push(
        `line ${stage.line}: FROM ${stage.image} is Node ${major}, older than the Node ${hostMajor} this check runs`,
      );
    }
  }
  // node_modules (and its native addon) moves from stage to stage: every stage must be the same Node.
  const images = new Set(dockerfile.stages.map((stage) => stage.image));
  if (images.size > 1) {
    problems.push(
      `every stage must use the same image, so that native addons match (${[...images].join(', ')})`,
    );
  }
  for (const stage of dockerfile.stages) {
    for (const instruction of stage.instructions.filter((i) => i.keyword === 'RUN')) {
      let commands;
      try {
        commands = splitCommands(instruction.command);
      } catch (error) {
        problems.push(`line ${instruction.line}: ${error.message}`);
        continue;
      }
      for (const command of commands.filter((c) => planCommand(c).kind === 'unknown')) {
        problems.push(
          `line ${instruction.line}: no rule to replay \`${command}\`; teach scripts/dockerfile.mjs planCommand`,
        );
      }
    }
  }
  const final = dockerfile.stages[dockerfile.stages.length - 1];
  const last = (keyword) => final.instructions.filter((i) => i.keyword === keyword).at(-1);
  const user = last('USER');
  if (!user || /^(root|0)(:|$)/.test(user.value)) {
    problems.push('the runtime stage must switch to a non-root USER');
  }
  const cmd = last('CMD');
  if (cmd?.form !== 'exec') {
    problems.push('the runtime stage needs CMD in exec form, so that SIGTERM reaches node');
  }
  if (last('ENTRYPOINT')) problems.push('ENTRYPOINT is not replayed by this check; use CMD');
  const health = last('HEALTHCHECK');
  if (!health || health.none) problems.push('the runtime stage needs a HEALTHCHECK');
  const env = Object.fromEntries(
    final.instructions.filter((i) => i.keyword === 'ENV').flatMap((i) => i.pairs),
  );
  const port = Number(env.PORT ?? 3000);
  const exposed = final.instructions.filter((i) => i.keyword === 'EXPOSE').flatMap((i) => i.ports);
  if (!exposed.includes(port)) problems.push(`EXPOSE ${port} is missing (PORT is ${port})`);
  const database = env.DATABASE_URL ?? '';
  if (database.startsWith('file:/')) {
    const dir = path.posix.dirname(database.slice('file:'.length));
    const volumes = final.instructions.filter((i) => i.keyword === 'VOLUME').flatMap((i) => i.paths);
    if (!volumes.includes(dir)) problems.push(`DATABASE_URL lives in ${dir}, which is not a VOLUME`);
  }
  return problems;
}

function npmCacheDir(env) {
  const result = spawnSync('npm', ['config', 'get', 'cache'], { env, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : path.join(os.homedir(), '.npm');
}

async function run(command, args, { cwd, env, label }) {
  log(`${label}: ${[command, ...args].join(' ')} (in ${cwd})`);
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });
  const code = await new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (exitCode, signal) => resolve(exitCode ?? signal));
  });
  if (code !== 0) fail(`${label}: ${command} ${args.join(' ')} exited with ${code}`);
}

function createStage(stage, tmp, globalArgs) {
  const root = path.join(tmp, `${stage.index}-${stage.name ?? 'stage'}`);
  mkdirSync(root, { recursive: true });
  const args = Object.fromEntries(globalArgs.map((arg) => [arg.name, arg.value ?? '']));
  return {
    ...stage,
    root,
    workdir: '/',
    env: {},
    args,
    user: null,
    cmd: null,
    healthcheck: null,
    volumes: [],
  };
}

function inRoot(state, containerPath) {
  return path.join(state.root, path.posix.resolve(state.workdir, containerPath));
}

function copyInto(state, instruction, context, isIgnored, done) {
  const vars = { ...state.args, ...state.env };
  const destination = expand(instruction.destination, vars);
  const destIsDir = destination.endsWith('/') || instruction.sources.length > 1;
  const from = instruction.flags.from;
  const source = from ? done.find((s) => s.name === from || String(s.index) === from) : null;
  if (from && !source) fail(`line ${instruction.line}: COPY --from=${from} names no earlier stage`);
  for (const raw of instruction.sources.map((s) => expand(s, vars))) {
    if (/[*?[]/.test(raw)) fail(`line ${instruction.line}: wildcards in COPY are not replayed (${raw})`);
    let sourcePath;
    let filter;
    if (source) {
      sourcePath = path.join(source.root, path.posix.resolve('/', raw));
      if (!existsSync(sourcePath)) fail(`line ${instruction.line}: stage ${from} has no ${raw}`);
    } else {
      const relative = path.posix.normalize(raw);
      if (relative.startsWith('..')) fail(`line ${instruction.line}: ${raw} is outside the build context`);
      sourcePath = path.join(context, relative);
      if (!existsSync(sourcePath) || (relative !== '.' && isIgnored(relative))) {
        fail(`line ${instruction.line}: ${raw} is not in the build context or is excluded by .dockerignore`);
      }
      filter = (file) => {
        const rel = path.relative(context, file).split(path.sep).join('/');
        return rel === '' || !isIgnored(rel);
      };
    }
    const target = inRoot(state, destination);
    if (statSync(sourcePath).isDirectory()) {
      cpSync(sourcePath, target, { recursive: true, verbatimSymlinks: true, filter });
    } else {
      const file = destIsDir ? path.join(target, path.basename(sourcePath)) : target;
      mkdirSync(path.dirname(file), { recursive: true });
      copyFileSync(sourcePath, file);
    }
    log(`${state.name ?? state.index}: COPY ${from ? `--from=${from} ` : ''}${raw} -> ${destination}`);
  }
}

async function replayRun(state, instruction) {
  const vars = { ...state.args, ...state.env };
  for (const command of splitCommands(expand(instruction.command, vars))) {
    const plan = planCommand(command);
    const label = `${state.name ?? state.index}: RUN`;
    if (plan.kind === 'npm') {
      const cwd = inRoot(state, '.');
      await run('npm', plan.args, { cwd, env: { ...hostEnv(), ...state.env }, label });
    } else if (plan.kind === 'node') {
      const cwd = inRoot(state, '.');
      await run(process.execPath, plan.args, { cwd, env: { ...hostEnv(), ...state.env }, label });
    } else if (plan.kind === 'mkdir') {
      for (const dir of plan.paths) mkdirSync(inRoot(state, dir), { recursive: true });
      log(`${label}: ${command} (inside the stage directory)`);
    } else if (plan.kind === 'skip') {
      log(`${label}: skipped \`${command}\`: ${plan.reason}`);
    } else {
      fail(
        `line ${instruction.line}: no rule to replay \`${command}\`; teach scripts/dockerfile.mjs planCommand`,
      );
    }
  }
}

async function replayStage(state, context, isIgnored, done) {
  log(`stage ${state.name ?? state.index}: FROM ${state.image} (replayed in ${state.root})`);
  for (const instruction of state.instructions) {
    const vars = { ...state.args, ...state.env };
    switch (instruction.keyword) {
      case 'ARG':
        state.args[instruction.name] = instruction.value ?? state.args[instruction.name] ?? '';
        break;
      case 'ENV':
        for (const [key, value] of instruction.pairs)
          state.env[key] = expand(value, { ...state.args, ...state.env });
        break;
      case 'WORKDIR':
        state.workdir = path.posix.resolve(state.workdir, expand(instruction.value, vars));
        mkdirSync(inRoot(state, '.'), { recursive: true });
        break;
      case 'COPY':
      case 'ADD':
        copyInto(state, instruction, context, isIgnored, done);
        break;
      case 'RUN':
        await replayRun(state, instruction);
        break;
      case 'USER':
        state.user = instruction.value;
        break;
      case 'VOLUME':
        state.volumes.push(...instruction.paths);
        break;
      case 'CMD':
        state.cmd = instruction;
        break;
      case 'HEALTHCHECK':
        state.healthcheck = instruction;
        break;
      default:
        break;
    }
  }
}

function runtimeProblems(state, packageJson, lock) {
  const problems = [];
  for (const name of Object.keys(packageJson.devDependencies ?? {})) {
    // A devDependency that a production package also needs (e.g. @types/node) is not dev-only.
    const devOnly = lock?.packages?.[`node_modules/${name}`]?.dev === true;
    if (devOnly && existsSync(inRoot(state, path.posix.join('node_modules', name)))) {
      problems.push(`the runtime stage carries the devDependency ${name}`);
    }
  }
  for (const volume of state.volumes) {
    if (!existsSync(path.join(state.root, volume)))
      problems.push(`VOLUME ${volume} is not created in the image`);
  }
  const script = state.cmd?.argv?.[1];
  if (state.cmd?.argv?.[0] === 'node' && script && !existsSync(inRoot(state, script))) {
    problems.push(`CMD runs ${script}, which the build did not produce (is its source in src/?)`);
  }
  return problems;
}

/** Loopback stand-ins for RunPod (GraphQL and REST v2) and the Slack Web API. */
async function startFakeApis() {
  const requests = new Map();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const key = `${req.method} ${url.pathname}`;
    requests.set(key, (requests.get(key) ?? 0) + 1);
    req.resume();
    req.on('end', () => {
      const send = (status, body) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (url.pathname === '/graphql') {
        send(200, {
          data: {
            myself: { id: 'check-user', pods: [], clientBalance: 100, currentSpendPerHr: 0, spendLimit: 0 },
            gpuTypes: [],
          },
        });
      } else if (url.pathname === '/v2/pods' || url.pathname === '/v2/billing/pods') {
        send(200, []);
      } else if (url.pathname.startsWith('/api/')) {
        send(200, { ok: true, user_id: 'UCHECKBOT', bot_id: 'BCHECK', team_id: 'TCHECK', user: 'podwarden' });
      } else {
        send(404, { error: 'not found' });
      }
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    base: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function freePort() {
  const server = createNetServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(() => resolve()));
  return port;
}

function containerEnv(state, fake, port) {
  const env = { ...hostEnv(), ...state.env };
  for (const [key, value] of Object.entries(env)) {
    if (key === 'DATABASE_URL' && value.startsWith('file:/')) {
      env[key] = `file:${path.join(state.root, value.slice('file:'.length))}`;
    }
  }
  return {
    ...env,
    ...TEST_ENV,
    PORT: String(port),
    RUNPOD_GRAPHQL_URL: `${fake.base}/graphql`,
    RUNPOD_REST_URL: `${fake.base}/v2`,
    SLACK_API_URL: `${fake.base}/api/`,
  };
}

function argvFor(argv) {
  return argv[0] === 'node' ? [process.execPath, ...argv.slice(1)] : argv;
}

function startApp(state, env) {
  const [command, ...args] = argvFor(state.cmd.argv);
  log(`start: ${state.cmd.argv.join(' ')} (in ${inRoot(state, '.')}, PORT=${env.PORT})`);
  const child = spawn(command, args, { cwd: inRoot(state, '.'), env, stdio: ['ignore', 'pipe', 'pipe'] });
  const app = { child, exit: null, output: [] };
  const collect = (stream) => {
    let rest = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        app.output.push(line);
        process.stdout.write(`[app] ${line}\n`);
      }
    });
  };
  collect(child.stdout);
  collect(child.stderr);
  app.exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      app.exit = { code, signal };
      resolve(app.exit);
    });
  });
  return app;
}

async function waitForHealth(app, port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (app.exit)
      fail(`the app exited before /healthz answered (code ${app.exit.code}, signal ${app.exit.signal})`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`, {
        signal: AbortSignal.timeout(5_000),
      });
      await response.arrayBuffer();
      if (response.status === 200) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  fail(`/healthz did not answer 200 within ${timeoutMs} ms (last: ${last})`);
}

async function runHealthcheck(state, env) {
  const health = state.healthcheck;
  const argv = health.form === 'exec' ? argvFor(health.argv) : ['/bin/sh', '-c', health.command];
  const timeoutMs = Math.max(parseDurationMs(health.flags.timeout, 30_000), 10_000);
  const child = spawn(argv[0], argv.slice(1), { cwd: inRoot(state, '.'), env, stdio: 'inherit' });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise((resolve) => child.once('exit', (c, signal) => resolve(c ?? signal)));
  clearTimeout(timer);
  if (code !== 0) fail(`HEALTHCHECK command exited with ${code} while /healthz answered 200`);
  log('HEALTHCHECK command passed against the running app');
}

async function stopApp(app, budgetMs) {
  if (app.exit) fail(`the app had already exited (code ${app.exit.code})`);
  const started = Date.now();
  app.child.kill('SIGTERM');
  let timer;
  const timedOut = new Promise((resolve) => {
    timer = setTimeout(() => resolve(null), budgetMs);
  });
  const exit = await Promise.race([app.exited, timedOut]);
  clearTimeout(timer);
  if (!exit) {
    app.child.kill('SIGKILL');
    await app.exited;
    fail(`the app did not exit within ${budgetMs} ms of SIGTERM`);
  }
  if (exit.code !== 0)
    fail(`the app exited with code ${exit.code} (signal ${exit.signal}) after SIGTERM, not 0`);
  log(`SIGTERM: exited 0 after ${Date.now() - started} ms`);
}

async function startAndStop(state, options) {
  const fake = await startFakeApis();
  const port = await freePort();
  const env = containerEnv(state, fake, port);
  const app = startApp(state, env);
  try {
    await waitForHealth(app, port, options.healthTimeoutMs);
    log(`/healthz answered 200 on port ${port}`);
    await runHealthcheck(state, env);
    const database = env.DATABASE_URL ?? '';
    if (database.startsWith('file:') && !existsSync(database.slice('file:'.length))) {
      fail(`the SQLite file ${state.env.DATABASE_URL} was not created under the volume`);
    }
    await stopApp(app, options.stopBudgetMs);
    const seen = [...fake.requests].map(([key, count]) => `${key} ×${count}`).join(', ');
    log(`loopback RunPod/Slack stand-ins saw: ${seen || 'no requests'}`);
  } finally {
    if (!app.exit) {
      app.child.kill('SIGKILL');
      await app.exited;
    }
    await fake.close();
  }
}

/** Runs the whole check; returns the exit status. */
export async function checkDockerfile(options) {
  const dockerfile = parseDockerfile(readFileSync(options.dockerfile, 'utf8'));
  const ignorePath = path.join(options.context, '.dockerignore');
  const isIgnored = createDockerignore(existsSync(ignorePath) ? readFileSync(ignorePath, 'utf8') : '');
  const packageJson = JSON.parse(readFileSync(path.join(options.context, 'package.json'), 'utf8'));

  const problems = staticProblems(dockerfile);
  if (problems.length > 0) fail(problems.join('\n  '));
  log(
    `read ${path.relative(process.cwd(), options.dockerfile) || options.dockerfile}: ${dockerfile.stages.length} stages`,
  );

  const lockPath = path.join(options.context, 'package-lock.json');
  const lock = existsSync(lockPath) ? JSON.parse(readFileSync(lockPath, 'utf8')) : null;
  if (lock) {
    const missing = missingFromNpmCache(lock, npmCacheDir(hostEnv()));
    if (missing.length > 0 && process.env.CI !== 'true') {
      log(
        `SKIP: ${missing.length} locked packages are not in the npm cache (e.g. ${missing.slice(0, 3).join(', ')});`,
      );
      log('SKIP: run `npm ci` once to fill it, or set CI=true to let npm fetch them.');
      return EXIT_SKIPPED;
    }
    if (missing.length > 0)
      log(`${missing.length} locked packages are not cached; npm fetches them (CI=true)`);
  }

  const tmp = mkdtempSync(path.join(os.tmpdir(), 'podwarden-image-'));
  try {
    const done = [];
    for (const stage of dockerfile.stages) {
      const state = createStage(stage, tmp, dockerfile.globalArgs);
      await replayStage(state, options.context, isIgnored, done);
      done.push(state);
    }
    const final = done[done.length - 1];
    const late = runtimeProblems(final, packageJson, lock);
    if (late.length > 0) fail(late.join('\n  '));
    await startAndStop(final, options);
  } finally {
    if (options.keep) log(`kept ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
  }
  log('PASS: the image builds, answers /healthz and stops cleanly on SIGTERM');
  return EXIT_PASSED;
}

async function main() {
  try {
    process.exitCode = await checkDockerfile(parseArgs(process.argv.slice(2)));
  } catch (error) {
    const message = error?.checkFailed ? error.message : (error?.stack ?? String(error));
    process.stderr.write(`[check-dockerfile] FAIL: ${message}\n`);
    process.exitCode = EXIT_FAILED;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
