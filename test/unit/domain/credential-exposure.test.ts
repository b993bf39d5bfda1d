import { describe, expect, it } from 'vitest';
import { exposedPods, looksLikeCredential, podExposure } from '../../../src/domain/credential-exposure.js';
import { exposureSection, isExposureDay, withExposure } from '../../../src/domain/digest-exposure.js';
import type { DigestModel } from '../../../src/domain/digest-model.js';
import { exposureText } from '../../../src/domain/exposure-text.js';

const HF = 'hf_AbCdEfGhIjKlMnOpQrStUvWxYz012345';

describe('looksLikeCredential', () => {
  it('sees well-known token shapes whatever the variable is called', () => {
    expect(looksLikeCredential('HF_TOKEN', HF)).toBe(true);
    expect(looksLikeCredential('MODEL_ACCESS', HF)).toBe(true);
    expect(looksLikeCredential('OPENAI', 'sk-proj-abcdefghijklmnopqrstuvwxyz012345')).toBe(true);
    expect(looksLikeCredential('AWS_ACCESS_KEY_ID', 'AKIAIOSFODNN7EXAMPLE')).toBe(true);
    expect(looksLikeCredential('RUNPOD', 'rpa_ABCDEFGHIJKLMNOPQRSTUVWXYZ0123')).toBe(true);
    expect(looksLikeCredential('DATABASE_URL', 'postgres://app:hunter22@db:5432/x')).toBe(true);
  });

  it('sees literal values of names that say secret: *_TOKEN, *_KEY, *PASSWORD, *SECRET*', () => {
    expect(looksLikeCredential('AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')).toBe(
      true,
    );
    expect(looksLikeCredential('WANDB_API_KEY', '0123456789abcdef0123456789abcdef01234567')).toBe(true);
    expect(looksLikeCredential('JUPYTER_PASSWORD', 'letmein42')).toBe(true);
    expect(looksLikeCredential('DB_PASSWORD_PLAIN', 'swordfish')).toBe(true);
    expect(looksLikeCredential('GITLAB_TOKEN', 'abcdefgh')).toBe(true);
  });

  it('leaves RunPod secret references, empty values, public keys and switches alone', () => {
    expect(looksLikeCredential('HF_TOKEN', '{{ RUNPOD_SECRET_hf_token }}')).toBe(false);
    expect(looksLikeCredential('JUPYTER_PASSWORD', '{{RUNPOD_SECRET_jupyter}}')).toBe(false);
    expect(looksLikeCredential('HF_TOKEN', '')).toBe(false);
    expect(looksLikeCredential('PUBLIC_KEY', 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI ada@laptop')).toBe(false);
    expect(looksLikeCredential('AUTHORIZED_KEY', 'ssh-rsa AAAAB3Nza ada')).toBe(false);
    expect(looksLikeCredential('MAX_TOKEN', '4096')).toBe(false);
    expect(looksLikeCredential('USE_SECRET', 'true')).toBe(false);
    expect(looksLikeCredential('KEY_PATH', '/workspace/key.pem')).toBe(false);
    expect(looksLikeCredential('TOKENIZERS_PARALLELISM', 'false')).toBe(false);
    expect(looksLikeCredential('MODEL_NAME', 'meta-llama/Llama-3-70B')).toBe(false);
  });
});

const pod = (over: Partial<Parameters<typeof podExposure>[0]>) => ({
  id: 'p1',
  name: 'alice-notebook',
  imageName: 'runpod/pytorch:2.4.0-py3.11-cuda12.4.1-devel-ubuntu22.04',
  ports: '8888/http,22/tcp',
  env: {},
  ...over,
});

describe('podExposure', () => {
  it('flags Jupyter on a public HTTP port of a RunPod image with no JUPYTER_PASSWORD or JUPYTER_TOKEN', () => {
    expect(podExposure(pod({}))).toEqual({
      podId: 'p1',
      podName: 'alice-notebook',
      running: true,
      openNotebooks: [{ app: 'Jupyter', port: 8888, passwordEnv: ['JUPYTER_PASSWORD', 'JUPYTER_TOKEN'] }],
      plainCredentials: [],
    });
  });

  it('is satisfied by a password set as a secret reference, and does not judge unknown images or closed ports', () => {
    expect(podExposure(pod({ env: { JUPYTER_PASSWORD: '{{ RUNPOD_SECRET_jupyter }}' } }))).toBeNull();
    expect(podExposure(pod({ env: { JUPYTER_TOKEN: '{{ RUNPOD_SECRET_tok }}' } }))).toBeNull();
    expect(podExposure(pod({ imageName: 'vllm/vllm-openai:v0.6.3', ports: '8000/http' }))).toBeNull();
    expect(podExposure(pod({ ports: '22/tcp,8888/tcp' }))).toBeNull();
  });

  it('flags code-server without PASSWORD, and names plain-text credentials by name only, sorted', () => {
    const found = podExposure(
      pod({
        imageName: 'codercom/code-server:4.93.1',
        ports: '8080/http',
        env: { HF_TOKEN: HF, AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG', PUBLIC_KEY: 'ssh-ed25519 AAA' },
      }),
    );
    expect(found?.openNotebooks.map((n) => `${n.app}:${n.port}`)).toEqual(['code-server:8080']);
    expect(found?.plainCredentials).toEqual(['AWS_SECRET_ACCESS_KEY', 'HF_TOKEN']);
    expect(JSON.stringify(found)).not.toContain(HF);
  });

  it('says of a stopped pod that its notebook opens when it runs', () => {
    const stopped = podExposure(pod({ status: 'EXITED' }));
    expect(stopped?.running).toBe(false);
    expect(stopped && exposureText(stopped)).toBe(
      'Jupyter on public port 8888 has no password when the pod runs (set `JUPYTER_PASSWORD` or `JUPYTER_TOKEN`)',
    );
  });

  it('cannot judge a pod whose environment RunPod did not report', () => {
    expect(podExposure(pod({ env: undefined }))).toBeNull();
    expect(exposedPods([pod({}), pod({ id: 'p2', env: { JUPYTER_PASSWORD: 'letmein42' } })])).toHaveLength(2);
  });
});

describe('the exposure section of the digest', () => {
  const base = { quiet: true } as unknown as DigestModel;

  it('runs on Mondays in the channel zone', () => {
    expect(isExposureDay(new Date('2026-11-30T10:00:00Z'), 'UTC')).toBe(true);
    expect(isExposureDay(new Date('2026-11-30T02:00:00Z'), 'America/Los_Angeles')).toBe(false);
    expect(isExposureDay(new Date('2026-12-01T10:00:00Z'), 'UTC')).toBe(false);
  });

  it('lists each pod with variable names, never values; says nothing when all is well', () => {
    const pods = exposedPods([pod({ env: { HF_TOKEN: HF } })]);
    const model = withExposure(base, { kind: 'ok', pods });
    expect(model.quiet).toBe(false);
    const [text] = exposureSection(model);
    expect(text).toContain('*Exposure check (weekly):* 1 pod needs a look');
    expect(text).toContain(
      '`alice-notebook`: Jupyter on public port 8888 has no password (set `JUPYTER_PASSWORD` or `JUPYTER_TOKEN`)',
    );
    expect(text).toContain('plain-text credential in its environment: `HF_TOKEN`');
    expect(text).not.toContain(HF);
    expect(withExposure(base, { kind: 'ok', pods: [] })).toBe(base);
    expect(exposureSection(withExposure(base, { kind: 'unavailable' }))).toEqual([
      '*Exposure check (weekly):* skipped: RunPod did not list the pods.',
    ]);
  });
});
