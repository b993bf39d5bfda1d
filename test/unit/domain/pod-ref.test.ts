import { describe, expect, it } from 'vitest';
import { editDistance, resolvePodRef } from '../../../src/domain/pod-ref.js';

const pods = [
  { id: 'abc123xyz', name: 'llama-ft' },
  { id: 'abd999qqq', name: 'Mistral-eval' },
  { id: 'k7f00aaa1', name: 'sdxl' },
  { id: 'k7f00bbb2', name: 'sdxl-train' },
  { id: 'zz0001', name: 'twin' },
  { id: 'zz0002', name: 'twin' },
];

describe('resolvePodRef', () => {
  it('finds a pod by exact id, case-insensitively', () => {
    const result = resolvePodRef(pods, 'ABC123XYZ');
    expect(result).toEqual({ ok: true, value: pods[0] });
  });

  it('finds a pod by exact name before trying prefixes', () => {
    // `sdxl` is also a prefix of `sdxl-train`; the exact name wins.
    const result = resolvePodRef(pods, 'SDXL');
    expect(result.ok && result.value.id).toBe('k7f00aaa1');
  });

  it('takes a unique prefix over ids and names together', () => {
    expect(resolvePodRef(pods, 'llama').ok && resolvePodRef(pods, 'llama')).toMatchObject({
      value: { id: 'abc123xyz' },
    });
    expect(resolvePodRef(pods, 'mistral')).toMatchObject({ ok: true, value: { name: 'Mistral-eval' } });
    expect(resolvePodRef(pods, 'abc')).toMatchObject({ ok: true, value: { name: 'llama-ft' } });
  });

  it('lists the candidates of an ambiguous prefix and guesses nothing', () => {
    const result = resolvePodRef(pods, 'ab');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toEqual({
      kind: 'pod_ambiguous',
      ref: 'ab',
      candidates: [
        { id: 'abc123xyz', name: 'llama-ft' },
        { id: 'abd999qqq', name: 'Mistral-eval' },
      ],
    });
  });

  it('treats two pods with the same name as ambiguous', () => {
    const result = resolvePodRef(pods, 'twin');
    expect(result).toMatchObject({ ok: false, error: { kind: 'pod_ambiguous' } });
    if (result.ok || result.error.kind !== 'pod_ambiguous') return;
    expect(result.error.candidates.map((c) => c.id)).toEqual(['zz0001', 'zz0002']);
  });

  it('suggests the closest names for an unknown reference', () => {
    const result = resolvePodRef(pods, 'lama');
    expect(result).toMatchObject({ ok: false, error: { kind: 'pod_not_found', ref: 'lama' } });
    if (result.ok || result.error.kind !== 'pod_not_found') return;
    expect(result.error.suggestions[0]).toEqual({ id: 'abc123xyz', name: 'llama-ft' });
  });

  it('suggests by edit distance for a typo', () => {
    const result = resolvePodRef(pods, 'sdlx');
    if (result.ok || result.error.kind !== 'pod_not_found') throw new Error('expected not found');
    expect(result.error.suggestions.map((s) => s.name)).toContain('sdxl');
  });

  it('suggests nothing when nothing is close', () => {
    const result = resolvePodRef(pods, 'completely-different');
    expect(result).toEqual({
      ok: false,
      error: { kind: 'pod_not_found', ref: 'completely-different', suggestions: [] },
    });
  });

  it('ignores backticks and quotes around the reference', () => {
    expect(resolvePodRef(pods, '`llama-ft`')).toMatchObject({ ok: true, value: { id: 'abc123xyz' } });
    expect(resolvePodRef(pods, '"sdxl-train"')).toMatchObject({ ok: true, value: { id: 'k7f00bbb2' } });
  });

  it('finds nothing in an empty account', () => {
    expect(resolvePodRef([], 'x')).toEqual({
      ok: false,
      error: { kind: 'pod_not_found', ref: 'x', suggestions: [] },
    });
  });
});

describe('an exact-id reference (from a button or a modal)', () => {
  const named = [
    { id: 'p1-clone', name: 'p1-clone' },
    { id: 'x9', name: 'p1' },
  ];

  it('matches only that id: never a name, never a prefix', () => {
    expect(resolvePodRef(named, { id: 'p1-clone' })).toEqual({ ok: true, value: named[0] });
    // `p1` is a pod's name and a prefix of another's id: a stale button for a terminated pod `p1`
    // must not reach either.
    expect(resolvePodRef(named, { id: 'p1' })).toEqual({
      ok: false,
      error: { kind: 'pod_not_found', ref: 'p1', suggestions: [] },
    });
  });
});

describe('editDistance', () => {
  it('counts single edits', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });
});
