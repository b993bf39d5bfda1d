import { describe, expect, it } from 'vitest';
import { looksLikePlainCredential, plainCredentialKeys } from '../../../src/domain/deploy-credentials.js';
import { mergeEnv, parseEnv, secretNamesReferenced } from '../../../src/domain/deploy-env.js';
import { parsePorts } from '../../../src/domain/deploy-ports.js';

describe('exposed ports', () => {
  it('reads 8888/http,22/tcp in any spacing and case', () => {
    expect(parsePorts('8888/http, 22/TCP\n6006/http')).toEqual({
      ok: true,
      value: ['8888/http', '22/tcp', '6006/http'],
    });
    expect(parsePorts('  ')).toEqual({ ok: true, value: [] });
  });

  it('refuses ports out of range, other protocols, a missing protocol and duplicates', () => {
    expect(parsePorts('0/http')).toMatchObject({ ok: false, error: expect.stringContaining('1 and 65535') });
    expect(parsePorts('65536/tcp')).toMatchObject({ ok: false });
    expect(parsePorts('65535/tcp')).toMatchObject({ ok: true });
    expect(parsePorts('53/udp')).toMatchObject({ ok: false, error: expect.stringContaining('http or tcp') });
    expect(parsePorts('8888')).toMatchObject({
      ok: false,
      error: expect.stringContaining('number/protocol'),
    });
    expect(parsePorts('8888/http,8888/tcp')).toMatchObject({
      ok: false,
      error: 'Port 8888 is listed twice.',
    });
  });
});

describe('environment variables', () => {
  it('reads KEY=value lines, skipping blanks and comments; values keep their = signs', () => {
    expect(parseEnv('# model\nMODEL=llama\n\nARGS=--a=1 --b=2\n')).toEqual({
      ok: true,
      value: [
        { key: 'MODEL', value: 'llama' },
        { key: 'ARGS', value: '--a=1 --b=2' },
      ],
    });
  });

  it('names the line and key of a mistake, never the value', () => {
    const noEquals = parseEnv('A=1\nhf_abcdefghijklmnopqrstuvwxyz');
    expect(noEquals).toEqual({ ok: false, error: 'Line 2: write KEY=value.' });
    expect(parseEnv('1BAD=x')).toMatchObject({ ok: false, error: expect.stringContaining('Line 1') });
    const twice = parseEnv('TOKEN=sk-secret-1\nTOKEN=sk-secret-2');
    expect(twice).toEqual({ ok: false, error: 'Line 2: TOKEN is set twice.' });
  });

  it('finds secret references and lets the form override a template', () => {
    const vars = [
      { key: 'HF_TOKEN', value: '{{ RUNPOD_SECRET_hf_token }}' },
      { key: 'URL', value: 'https://x/{{RUNPOD_SECRET_db_pass}}@{{ RUNPOD_SECRET_hf_token }}' },
    ];
    expect(secretNamesReferenced(vars)).toEqual(['hf_token', 'db_pass']);
    expect(
      mergeEnv(
        [
          { key: 'A', value: '1' },
          { key: 'B', value: '2' },
        ],
        [{ key: 'B', value: '3' }],
      ),
    ).toEqual([
      { key: 'A', value: '1' },
      { key: 'B', value: '3' },
    ]);
  });
});

describe('credentials typed in plain text', () => {
  const plain = (key: string, value: string) => looksLikePlainCredential({ key, value });

  it('spots well-known token shapes under any name', () => {
    expect(plain('MY_VAR', 'hf_AbCdEfGhIjKlMnOpQrStUvWxYz12')).toBe(true);
    expect(plain('OPENAI', 'sk-proj-abcdefghijklmnopqrstuvwx')).toBe(true);
    expect(plain('AWS_ID', 'AKIAIOSFODNN7EXAMPLE')).toBe(true);
    expect(plain('GH', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789')).toBe(true);
    expect(plain('RUNPOD', 'rpa_ABCDEFGHIJKLMNOPQRSTUVWX')).toBe(true);
  });

  it('spots long random-looking strings', () => {
    expect(plain('SEED_BLOB', 'q8Zr3VxL0pWm7Tn2Ks9Yb4Hd6Fj1Gc5A')).toBe(true);
    expect(plain('WANDB', '3f9a1c2b7d4e8f6a0b5c9d2e7f1a3b8c4d6e0f2a')).toBe(true);
    expect(plain('MODEL_PATH', '/workspace/models/llama-3-70b-instruct-ft')).toBe(false);
    expect(plain('MODEL', 'meta-llama/Meta-Llama-3.1-70B-Instruct')).toBe(false);
    expect(plain('DATA', 'https://example.com/datasets/abc123/train.jsonl')).toBe(false);
    expect(plain('DESC', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa')).toBe(false);
  });

  it('spots secret-sounding names with a literal value, not with a reference, a path or a switch', () => {
    expect(plain('JUPYTER_PASSWORD', 'hunter2')).toBe(true);
    expect(plain('WANDB_API_KEY', 'abc123')).toBe(true);
    expect(plain('HF_TOKEN', '{{ RUNPOD_SECRET_hf_token }}')).toBe(false);
    expect(plain('SSH_PRIVATE_KEY', '/root/.ssh/id_ed25519')).toBe(false);
    expect(plain('USE_TOKEN', 'false')).toBe(false);
    expect(plain('MODEL', 'meta-llama/Llama-3-8B')).toBe(false);
  });

  it('reports keys only', () => {
    expect(
      plainCredentialKeys([
        { key: 'HF_TOKEN', value: 'hf_AbCdEfGhIjKlMnOpQrStUvWxYz12' },
        { key: 'MODE', value: 'train' },
      ]),
    ).toEqual(['HF_TOKEN']);
  });
});
