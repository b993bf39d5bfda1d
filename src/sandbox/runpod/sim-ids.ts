/** Deterministic ids for simulated pods and machines (RunPod ids are short lowercase strings). */
export const LOCATIONS = ['US-TX-3', 'EU-RO-1', 'CA-MTL-1', 'US-GA-1', 'EU-SE-1'];

export function createIdSource(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const chars = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return {
    next,
    id: (length: number) => Array.from({ length }, () => chars[Math.floor(next() * chars.length)]).join(''),
  };
}
