import { err, ok, type Result } from '../lib/result.js';

/**
 * Exposed ports as RunPod writes them: `8888/http,22/tcp` (REST v2 `ports: ["8888/http"]`,
 * GraphQL `ports: "8888/http,22/tcp"`). Commas, spaces or new lines separate them; a port is
 * 1–65535, its protocol `http` (through RunPod's proxy) or `tcp` (a public port), and a port
 * number appears once.
 */
const PORT = /^(\d{1,5})\/([a-z]+)$/i;

export function parsePorts(text: string): Result<string[], string> {
  const items = text.split(/[\s,]+/).filter((item) => item !== '');
  const seen = new Set<number>();
  const ports: string[] = [];
  for (const item of items) {
    const match = PORT.exec(item);
    if (!match)
      return err(`Write each port as number/protocol, e.g. 8888/http, 22/tcp (not "${clip(item)}").`);
    const port = Number(match[1]);
    const protocol = (match[2] ?? '').toLowerCase();
    if (port < 1 || port > 65_535) return err(`A port is between 1 and 65535 (not ${match[1]}).`);
    if (protocol !== 'http' && protocol !== 'tcp') {
      return err(`The protocol is http or tcp (not ${clip(protocol)} in ${port}/${clip(protocol)}).`);
    }
    if (seen.has(port)) return err(`Port ${port} is listed twice.`);
    seen.add(port);
    ports.push(`${port}/${protocol}`);
  }
  return ok(ports);
}

const clip = (text: string): string => (text.length > 20 ? `${text.slice(0, 20)}…` : text);
