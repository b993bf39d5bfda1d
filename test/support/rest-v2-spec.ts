/**
 * RunPod's published REST v2 structure (test/fixtures/runpod-rest-v2-schemas.json, a copy of the
 * reference read from runpod/docs api-reference-v2/openapi.json) compiled with Ajv2020, since the
 * OpenAPI file is 3.1 / JSON Schema 2020-12 (`unevaluatedProperties`, `type: [..., "null"]`).
 * Tests use it to prove that the simulator serves, and the adapter sends, only what RunPod's
 * structure accepts.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

type Json = Record<string, unknown>;

const SPEC_ID = 'runpod-rest-v2';
const spec = JSON.parse(
  readFileSync(new URL('../fixtures/runpod-rest-v2-schemas.json', import.meta.url), 'utf8'),
) as Json & { paths: Record<string, Record<string, Json>>; components: Json };

// ajv-formats is CommonJS; its default export arrives as the module object under NodeNext.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2020,
) => void;

// strict off: the OpenAPI file carries keywords JSON Schema does not know (`x-enum-varnames`, `format: float`).
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addFormat('float', true);
ajv.addFormat('double', true);
ajv.addSchema(spec, SPEC_ID);

const describeErrors = (errors: ErrorObject[] | null | undefined): string[] =>
  (errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);

/** The problems of `value` against `components.schemas.<name>`; empty when it validates. */
export function specProblems(schemaName: string, value: unknown): string[] {
  const validate = ajv.getSchema(`${SPEC_ID}#/components/schemas/${schemaName}`);
  if (!validate) throw new Error(`no schema ${schemaName} in the REST v2 structure`);
  return validate(value) ? [] : describeErrors(validate.errors);
}

const pointer = (segment: string): string => segment.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * The problems of an answer against the operation's declared response: the status must be one the
 * operation declares (or its `default`), the media type one it lists, the body match its schema.
 */
export function responseProblems(
  path: string,
  method: string,
  status: number,
  contentType: string,
  body: unknown,
): string[] {
  const verb = method.toLowerCase();
  const operation = spec.paths[path]?.[verb];
  if (!operation) return [`${method} ${path} is not in the REST v2 structure`];
  const responses = operation.responses as Record<string, Json>;
  const key = responses[String(status)] ? String(status) : 'default';
  const declared = responses[key];
  if (!declared) return [`${method} ${path} does not declare status ${status}`];
  // A response is inline or a $ref into components.responses.
  const ref = typeof declared.$ref === 'string' ? declared.$ref : null;
  const base = ref ?? `#/paths/${pointer(path)}/${verb}/responses/${key}`;
  const response = ref
    ? (ref
        .slice(2)
        .split('/')
        .reduce<unknown>((node, part) => (node as Json)[part], spec) as Json)
    : declared;
  const content = response.content as Record<string, unknown> | undefined;
  if (!content) return body === null ? [] : [`status ${status} of ${method} ${path} declares no body`];
  const mediaType = contentType.split(';')[0]?.trim() ?? '';
  if (!content[mediaType]) {
    return [
      `status ${status} of ${method} ${path} is not declared as ${mediaType} (only ${Object.keys(content)})`,
    ];
  }
  const validate = ajv.getSchema(`${SPEC_ID}${base}/content/${pointer(mediaType)}/schema`);
  if (!validate) throw new Error(`cannot compile the response schema of ${method} ${path} ${status}`);
  return validate(body) ? [] : describeErrors(validate.errors);
}

/** The published path template a concrete REST path belongs to (`/v2/pods/abc` → `/v2/pods/{id}`). */
export function specPath(concrete: string): string | null {
  const parts = concrete.split('/');
  for (const template of Object.keys(spec.paths)) {
    const t = template.split('/');
    if (t.length === parts.length && t.every((seg, i) => seg.startsWith('{') || seg === parts[i])) {
      return template;
    }
  }
  return null;
}
