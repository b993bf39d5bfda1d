/**
 * The sandbox's terminal is read by a person: pino's JSON lines become one short line each
 * (`19:40:02 warn  chart rendering warning  vega="Channel opacity…"`). Anything that is not a
 * JSON log line passes through unchanged.
 */
const LEVELS: Record<number, string> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};
const HIDDEN = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'app']);

const show = (value: unknown): string => {
  if (typeof value === 'string') return /\s/.test(value) ? JSON.stringify(value) : value;
  if (value && typeof value === 'object' && 'message' in value)
    return JSON.stringify((value as { message: unknown }).message);
  return JSON.stringify(value);
};

/** One JSON log line as a person reads it. */
export function humanLogLine(line: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  if (typeof record !== 'object' || record === null || typeof record.msg !== 'string') return line;
  const time = typeof record.time === 'number' ? new Date(record.time).toISOString().slice(11, 19) : '';
  const level = (LEVELS[Number(record.level)] ?? 'log').padEnd(5);
  const fields = Object.entries(record)
    .filter(([key]) => !HIDDEN.has(key))
    .map(([key, value]) => `${key}=${show(value)}`)
    .join(' ');
  return `${time} ${level} ${record.msg}${fields ? `  ${fields}` : ''}`.trim();
}

/** A pino destination that writes human lines to `out` (stderr in the sandbox). */
export function humanLogDestination(out: { write(text: string): unknown }): { write(chunk: string): void } {
  return {
    write(chunk: string) {
      for (const line of chunk.split('\n')) if (line.trim()) out.write(`${humanLogLine(line)}\n`);
    },
  };
}
