import { readFileSync } from 'node:fs';
import type { Metrics } from './metrics.js';

/** podwarden's version from package.json (one level above src/ and dist/ alike); "unknown" without it. */
export function podwardenVersion(): string {
  try {
    const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
    const version = (JSON.parse(text) as { version?: unknown }).version;
    return typeof version === 'string' ? version : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** `podwarden_build_info{version,node} 1`, the usual way to expose what is running. */
export function recordBuildInfo(metrics: Metrics, version = podwardenVersion()): void {
  metrics.describe('podwarden_build_info', 'gauge', 'always 1; labels name the running build', [
    'version',
    'node',
  ]);
  metrics.set('podwarden_build_info', 1, { version, node: process.versions.node });
}
