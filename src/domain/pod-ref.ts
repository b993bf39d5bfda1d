import { err, ok, type Result } from '../lib/result.js';
import type { AppError, PodCandidate } from './errors.js';

type Named = { id: string; name: string };

const MAX_SUGGESTIONS = 3;
const MAX_CANDIDATES = 10;

const candidate = (pod: Named): PodCandidate => ({ id: pod.id, name: pod.name });

/** Strips what people wrap a pod reference in: backticks and quotes. */
export function cleanPodRef(ref: string): string {
  return ref
    .trim()
    .replace(/^[`'"“”‘’]+|[`'"“”‘’]+$/g, '')
    .trim();
}

/**
 * What names a pod: text a person typed (id, name or prefix), or the exact RunPod id a button or
 * modal carries — never resolved by name or prefix, so a stale button cannot reach another pod.
 */
export type PodRef = string | { id: string };

/** The text of a reference, for messages. */
export const podRefText = (ref: PodRef): string => (typeof ref === 'string' ? ref : ref.id);

/**
 * Finds the pod a reference names. An exact-id reference matches only that id. Typed text is
 * resolved case-insensitively: exact id, then exact name, then a unique prefix
 * over ids and names together. Several matches give the candidates and never a guess; no match
 * gives the closest names as suggestions.
 */
export function resolvePodRef<P extends Named>(pods: readonly P[], ref: PodRef): Result<P, AppError> {
  if (typeof ref !== 'string') {
    const exact = pods.find((pod) => pod.id === ref.id);
    return exact ? ok(exact) : err({ kind: 'pod_not_found', ref: ref.id, suggestions: [] });
  }
  const wanted = cleanPodRef(ref).toLowerCase();
  if (wanted.length === 0) return err({ kind: 'pod_not_found', ref, suggestions: [] });

  const byId = pods.filter((pod) => pod.id.toLowerCase() === wanted);
  if (byId.length === 1 && byId[0]) return ok(byId[0]);

  const byName = pods.filter((pod) => pod.name.toLowerCase() === wanted);
  if (byName.length === 1 && byName[0]) return ok(byName[0]);
  if (byName.length > 1) {
    return err({ kind: 'pod_ambiguous', ref, candidates: byName.slice(0, MAX_CANDIDATES).map(candidate) });
  }

  const byPrefix = pods.filter(
    (pod) => pod.id.toLowerCase().startsWith(wanted) || pod.name.toLowerCase().startsWith(wanted),
  );
  if (byPrefix.length === 1 && byPrefix[0]) return ok(byPrefix[0]);
  if (byPrefix.length > 1) {
    return err({ kind: 'pod_ambiguous', ref, candidates: byPrefix.slice(0, MAX_CANDIDATES).map(candidate) });
  }

  return err({ kind: 'pod_not_found', ref, suggestions: suggestPods(pods, wanted) });
}

/** The pods whose name or id is closest to `ref`: containing it first, then by edit distance. */
export function suggestPods(pods: readonly Named[], ref: string): PodCandidate[] {
  const wanted = ref.toLowerCase();
  const limit = Math.max(2, Math.floor(wanted.length / 3));
  const scored = pods
    .map((pod) => {
      const name = pod.name.toLowerCase();
      const id = pod.id.toLowerCase();
      const contains =
        name.includes(wanted) || id.includes(wanted) || (name.length >= 3 && wanted.includes(name));
      const distance = Math.min(editDistance(wanted, name), editDistance(wanted, id));
      return { pod, contains, distance };
    })
    .filter((s) => s.contains || s.distance <= limit)
    .sort((a, b) => Number(b.contains) - Number(a.contains) || a.distance - b.distance);
  return scored.slice(0, MAX_SUGGESTIONS).map((s) => candidate(s.pod));
}

/** Levenshtein distance (insert, delete, substitute), two rows of memory. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
