import type { ConnectAnswer } from '../../domain/pod-connect.js';
import { escapeMrkdwn, inlineCode } from '../../lib/escape.js';
import type { Reply } from '../context.js';
import { context, section } from './block-kit.js';

/** A command in a code block; backticks inside cannot break out of it. */
const codeBlock = (text: string): string => `\`\`\`${escapeMrkdwn(text).replace(/```/g, 'ˋˋˋ')}\`\`\``;

/**
 * `/pod connect`: one line per HTTP port with its role and proxy URL, the SSH commands as RunPod
 * reports them, other public TCP mappings; and plain words when the pod is not running, has no
 * public ports, or SSH was not enabled at deploy.
 */
export function buildConnectReply(answer: ConnectAnswer): Reply {
  const pod = inlineCode(answer.podName);
  if (answer.kind === 'not_running') {
    const text = `${pod} is not running (${escapeMrkdwn(answer.status)}), so there is nothing to connect to. Start it with \`/pod resume ${escapeMrkdwn(answer.podName)}\`; its links and SSH command are the same afterwards.`;
    return { text, blocks: [section(text)] };
  }
  const blocks = [];
  const lines: string[] = [];
  if (answer.http.length > 0) {
    const links = answer.http.map(
      (h) => `• ${h.role ? `${h.role} (${h.port})` : `port ${h.port}`}: ${h.url}`,
    );
    blocks.push(section([`*HTTP* (through RunPod's proxy)`, ...links].join('\n')));
    lines.push(...answer.http.map((h) => `${h.role ?? `port ${h.port}`}: ${h.url}`));
  }
  if (answer.ssh.length > 0) {
    const commands = answer.ssh.map(
      (s) =>
        `${s.via === 'proxy' ? 'Through RunPod’s SSH proxy' : 'Direct (public IP, supports scp and sftp)'}:\n${codeBlock(s.command)}`,
    );
    blocks.push(section([`*SSH*`, ...commands].join('\n')));
    lines.push(...answer.ssh.map((s) => `SSH (${s.via}): ${s.command}`));
  } else {
    const why =
      answer.sshMissing === 'not_enabled'
        ? 'SSH was not enabled at deploy: the pod exposes no `22/tcp` port.'
        : 'Port `22/tcp` is exposed, but RunPod reports no public address or SSH command for it yet.';
    blocks.push(section(`*SSH*: ${why}`));
  }
  if (answer.tcp.length > 0) {
    blocks.push(
      section(
        [
          `*Other public TCP ports*`,
          ...answer.tcp.map((t) => `• ${t.port} → \`${escapeMrkdwn(t.address)}\``),
        ].join('\n'),
      ),
    );
  }
  if (answer.http.length === 0 && answer.ssh.length === 0 && answer.tcp.length === 0) {
    const text = `${pod} is running but has no public ports: it exposes no HTTP port and no public TCP port. Ports are set at deploy (e.g. \`8888/http,22/tcp\`).`;
    return { text, blocks: [section(text)] };
  }
  const head = `How to reach ${pod}:`;
  return {
    text: `${head} ${lines.join(' · ') || 'see below'}`.slice(0, 3900),
    blocks: [
      section(head),
      ...blocks,
      context([
        'Only you see this. The proxy URLs work for anyone who has them; protect notebooks with a password.',
      ]),
    ],
  };
}
