/** The simulator's HTTP vocabulary: what a handler answers, and what the simulator records. */
export type SimResponse = { status: number; headers: Record<string, string>; body: string };

/** One request the simulator received, as a test wants to see it. */
export type SimRequest = {
  at: Date;
  method: string;
  /** Path without the query string (the api_key parameter never lands here). */
  path: string;
  status: number;
  api: 'graphql' | 'rest' | 'other';
  auth: 'bearer' | 'query' | 'none';
  operationType: 'query' | 'mutation' | null;
  operationName: string | null;
  /** Root fields of the operation, e.g. ['myself'] or ['podStop']. */
  fields: string[];
  /** Every field name selected anywhere in the document, unique, in document order. */
  fieldNames: string[];
  /** Root fields sent without a selection set (podTerminate must be one). */
  withoutSelectionSet: string[];
  query: string | null;
  variables: Record<string, unknown> | null;
  /** REST: the parsed JSON body, if any; REST query parameters go in `searchParams`. */
  body: unknown;
  searchParams: Record<string, string>;
};

/** A mutation that reached the world: GraphQL field names (podStop…) or `rest:<action>`. */
export type SimMutation = { name: string; podId: string | null; at: Date; ok: boolean };

export type IncomingSimRequest = {
  method: string;
  url: URL;
  headers: Record<string, string | string[] | undefined>;
  bodyText: string;
};

export type Credential = { kind: 'bearer' | 'query' | 'none'; key: string | null };

/** RunPod accepts `Authorization: Bearer KEY` and `?api_key=KEY` (runpod-api.md §1). */
export function readCredential(request: IncomingSimRequest): Credential {
  const header = request.headers.authorization;
  const value = Array.isArray(header) ? header[0] : header;
  const match = value ? /^Bearer\s+(.+)$/i.exec(value.trim()) : null;
  if (match?.[1]) return { kind: 'bearer', key: match[1].trim() };
  const fromQuery = request.url.searchParams.get('api_key');
  if (fromQuery) return { kind: 'query', key: fromQuery };
  return { kind: 'none', key: null };
}

export function jsonResponse(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): SimResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

/** RFC 9457 problem details, as REST v2 sends them. */
export function problemResponse(
  status: number,
  detail: string,
  headers: Record<string, string> = {},
  errors?: string[],
): SimResponse {
  return {
    status,
    headers: { 'content-type': 'application/problem+json', ...headers },
    body: JSON.stringify({
      type: 'about:blank',
      title: TITLES[status] ?? 'Error',
      status,
      detail,
      ...(errors ? { errors } : {}),
    }),
  };
}

/** What an edge proxy in front of RunPod answers when the origin is down. */
export function htmlErrorPage(): SimResponse {
  return {
    status: 502,
    headers: { 'content-type': 'text/html; charset=UTF-8', server: 'cloudflare' },
    body:
      '<!DOCTYPE html>\n<html lang="en-US"><head><title>api.runpod.io | 502: Bad gateway</title></head>' +
      '<body><div id="cf-error-details"><h1>Bad gateway</h1><span>Error code 502</span>' +
      '<p>The web server reported a bad gateway error.</p></div></body></html>\n',
  };
}
