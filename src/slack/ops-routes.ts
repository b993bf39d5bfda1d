import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import type { Metrics } from '../lib/metrics.js';
import type { ReadinessReport } from '../services/readiness-service.js';

/** What /readyz asks: the app's own checks, given the state of the Slack connection. */
export type ReadinessProbe = (slack: { socketConnected: boolean | null }) => Promise<ReadinessReport>;

export type OpsRoutesOptions = {
  metrics: Metrics;
  /** Set: GET /metrics needs `Authorization: Bearer <token>`. */
  metricsToken: string | null;
  readiness: ReadinessProbe;
  /** null in HTTP mode. */
  socketConnected: () => boolean | null;
  /** Called right before each scrape, to refresh gauges read at that moment. */
  beforeScrape?: () => void;
};

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/** Compares the bearer token in constant time (over digests, so lengths do not leak either). */
function authorized(req: IncomingMessage, token: string | null): boolean {
  if (token === null) return true;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return match?.[1] !== undefined && timingSafeEqual(digest(match[1]), digest(token));
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/**
 * GET /healthz (liveness: the process answers), GET /readyz (readiness, 503 naming each fault)
 * and GET /metrics (Prometheus text, behind METRICS_TOKEN when set).
 */
export function createOpsRoutes(options: OpsRoutesOptions): {
  health: CustomRoute[];
  metrics: CustomRoute;
} {
  const health = (_req: IncomingMessage, res: ServerResponse) => json(res, 200, { status: 'ok' });
  const ready = (_req: IncomingMessage, res: ServerResponse) => {
    options
      .readiness({ socketConnected: options.socketConnected() })
      .then((report) =>
        report.ready
          ? json(res, 200, { status: 'ready' })
          : json(res, 503, { status: 'unavailable', faults: report.faults }),
      )
      .catch((error: unknown) =>
        json(res, 503, {
          status: 'unavailable',
          faults: [{ check: 'readiness', message: error instanceof Error ? error.message : String(error) }],
        }),
      );
  };
  const metrics = (req: IncomingMessage, res: ServerResponse) => {
    if (!authorized(req, options.metricsToken)) {
      res.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer realm="metrics"' });
      res.end('unauthorized\n');
      return;
    }
    options.beforeScrape?.();
    options.metrics
      .render()
      .then((text) => {
        res.writeHead(200, { 'content-type': options.metrics.contentType });
        res.end(text);
      })
      .catch(() => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('metrics failed\n');
      });
  };
  return {
    health: [
      { path: '/healthz', method: ['GET'], handler: health },
      { path: '/readyz', method: ['GET'], handler: ready },
    ],
    metrics: { path: '/metrics', method: ['GET'], handler: metrics },
  };
}

/** A plain HTTP server for GET routes only (Socket Mode's port, METRICS_PORT); 404 otherwise. */
export async function servePlainRoutes(routes: readonly CustomRoute[], port: number): Promise<Server> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const route = req.method === 'GET' ? routes.find((r) => r.path === path) : undefined;
    if (route) {
      route.handler(Object.assign(req, { params: {} }), res);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}

export async function closeServer(server: Server | null): Promise<void> {
  if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
}
