/**
 * How the Web API reads a call: form-urlencoded (what WebClient sends, objects as JSON strings in
 * fields) or JSON, the token from `Authorization: Bearer` or a `token` field, unknown fields
 * ignored. Answers are Slack-shaped: HTTP 200 with `{ ok: false, error }` for failures.
 */
import { z } from 'zod';

export type ApiResponse = { ok: boolean } & Record<string, unknown>;

const JSON_FIELDS = ['blocks', 'attachments', 'view', 'metadata', 'files'];

/** Decodes a call's body into named values; JSON-in-fields decoded. Null when it cannot be read. */
export function parseApiParams(contentType: string, raw: string): Record<string, unknown> | null {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/json') {
    if (raw.trim().length === 0) return {};
    try {
      const parsed: unknown = JSON.parse(raw);
      return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
        ? (parsed as Record<string, unknown>)
        : null;
    } catch {
      return null;
    }
  }
  const params: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    params[key] = JSON_FIELDS.includes(key) ? decodeJsonField(value) : value;
  }
  return params;
}

function decodeJsonField(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    // Slack answers a malformed field with its own error (invalid_blocks, invalid_arguments).
    return value;
  }
}

/** The token of a call, and the params without it (for the call log). */
export function splitToken(
  authorization: string | undefined,
  params: Record<string, unknown>,
): { token: string | null; params: Record<string, unknown> } {
  const { token: fieldToken, ...rest } = params;
  const bearer = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  const token = bearer ?? (typeof fieldToken === 'string' && fieldToken.length > 0 ? fieldToken : null);
  return { token, params: rest };
}

export const fail = (error: string, extra: Record<string, unknown> = {}): ApiResponse => ({
  ok: false,
  error,
  ...extra,
});

export const invalidBlocks = (errors: readonly string[], error = 'invalid_blocks'): ApiResponse =>
  fail(error, { response_metadata: { messages: errors } });

/** `true`, `"true"` and `"1"` are true; form bodies carry every value as a string. */
export const flagParam = z.preprocess(
  (value) => value === true || value === 'true' || value === '1',
  z.boolean(),
);

/** Numbers arrive as strings in form bodies. */
export const numberParam = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value),
  z.number(),
);

/** Parses params with a schema; a failure is Slack's `invalid_arguments` naming the fields. */
export function readParams<T>(
  schema: z.ZodType<T>,
  params: Record<string, unknown>,
): { ok: true; value: T } | { ok: false; response: ApiResponse } {
  const parsed = schema.safeParse(params);
  if (parsed.success) return { ok: true, value: parsed.data };
  const messages = parsed.error.issues.map(
    (issue) => `[ERROR] ${issue.message} [json-pointer:/${issue.path.join('/')}]`,
  );
  return { ok: false, response: invalidBlocks(messages, 'invalid_arguments') };
}
