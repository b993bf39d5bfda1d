/** The `<!date^…>` token podwarden writes for an instant, as tests expect to read it. */
const FORMATS = { when: '{date_short_pretty} {time}', time: '{time}' } as const;

export function dateToken(
  at: string | Date,
  fallback: string,
  format: keyof typeof FORMATS = 'when',
): string {
  const seconds = Math.floor(new Date(at).getTime() / 1000);
  return `<!date^${seconds}^${FORMATS[format]}|${fallback}>`;
}
