import { exposureText } from '../../domain/exposure-text.js';
import type { Pod } from '../../domain/pod.js';
import { liveRuntime, meanGpuUtil } from '../../domain/pod.js';
import { escapeMrkdwn, inlineCode } from '../../lib/escape.js';
import { slackDate } from '../../lib/slack-date.js';
import { sparkline } from '../../lib/sparkline.js';
import type { PodStatusView } from '../../services/pod-service.js';
import type { Reply } from '../context.js';
import { auditSentence } from './audit-text.js';
import { actions, type Block, context, fields, header, section } from './block-kit.js';
import { gpuText, ownerText, percent, perHour, statusText, uptimeText } from './format.js';
import { resumeButton, stopButton } from './pod-buttons.js';

function disksText(pod: Pod): string {
  const parts: string[] = [];
  if (pod.containerDiskInGb !== null) parts.push(`container ${pod.containerDiskInGb} GB`);
  if (pod.volumeInGb !== null && pod.volumeInGb > 0) {
    parts.push(`volume ${pod.volumeInGb} GB at ${escapeMrkdwn(pod.volumeMountPath ?? '/workspace')}`);
  }
  if (pod.networkVolumeId) parts.push(`network volume ${inlineCode(pod.networkVolumeId)}`);
  return parts.length > 0 ? parts.join('\n') : '—';
}

function portsText(pod: Pod): string | null {
  const lines: string[] = [];
  for (const spec of (pod.ports ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [port, kind] = spec.split('/');
    if (kind === 'http' && port && /^\d+$/.test(port)) {
      lines.push(`${escapeMrkdwn(spec)} → https://${escapeMrkdwn(pod.id)}-${port}.proxy.runpod.net`);
    } else {
      const mapped = liveRuntime(pod)?.ports.find(
        (p) => String(p.privatePort) === port && p.isIpPublic && p.ip,
      );
      lines.push(
        mapped?.ip && mapped.publicPort
          ? `${escapeMrkdwn(spec)} → ${escapeMrkdwn(mapped.ip)}:${mapped.publicPort}`
          : escapeMrkdwn(spec),
      );
    }
  }
  return lines.length > 0 ? lines.join('\n') : null;
}

function computeText(pod: Pod): string {
  const runtime = liveRuntime(pod);
  const size = [
    pod.vcpuCount !== null ? `${pod.vcpuCount} vCPU` : null,
    pod.memoryInGb !== null ? `${pod.memoryInGb} GB RAM` : null,
  ]
    .filter(Boolean)
    .join(', ');
  const use = runtime ? `CPU ${percent(runtime.cpuPercent)} · RAM ${percent(runtime.memoryPercent)}` : null;
  return [size || null, use].filter(Boolean).join('\n') || '—';
}

function gpuMemoryText(pod: Pod): string {
  const gpus = liveRuntime(pod)?.gpus ?? [];
  if (gpus.length === 0) return '—';
  return gpus
    .map((g, i) => `GPU ${i}: util ${percent(g.utilPercent)}, mem ${percent(g.memoryPercent)}`)
    .join('\n');
}

/** `/pod status`: the pod in detail, the last hour of GPU use, who last acted, and Stop/Resume. */
export function buildPodStatus(view: PodStatusView, timeZone: string): Reply {
  const { pod, ownerId, utilization, lastAction } = view;
  const running = pod.status === 'RUNNING';
  const blocks: Block[] = [
    header(`Pod ${pod.name}`),
    fields([
      `*Status*\n${statusText(pod.status)}`,
      `*Id*\n${inlineCode(pod.id)}`,
      `*GPU*\n${gpuText(pod)}${view.autoresume ? ' (spot, autoresume on)' : pod.isSpot ? ' (spot)' : ''}`,
      `*GPU util now*\n${running ? percent(meanGpuUtil(pod)) : '—'}`,
      `*Cost*\n${perHour(pod.costPerHr)}${running ? '' : ' while running'}`,
      `*Owner*\n${ownerText(ownerId)}`,
      `*Uptime*\n${running ? uptimeText(pod.runtime?.uptimeSeconds ?? null) : '—'}`,
      `*CPU / memory*\n${computeText(pod)}`,
      `*GPU memory*\n${gpuMemoryText(pod)}`,
      `*Disks*\n${disksText(pod)}`,
    ]),
  ];
  const minutes = Math.round((utilization.bucketMs * utilization.values.length) / 60_000);
  const known = utilization.values.some((v) => v !== null);
  blocks.push(
    section(
      known
        ? `*GPU util, last ${minutes} min* (${Math.round(utilization.bucketMs / 60_000)} min per mark, · = no sample)\n\`${sparkline(utilization.values)}\``
        : `*GPU util, last ${minutes} min*: no samples yet.`,
    ),
  );
  const ports = portsText(pod);
  const image = pod.imageName ? `*Image* ${inlineCode(pod.imageName)}` : null;
  if (ports || image)
    blocks.push(section([image, ports ? `*Ports*\n${ports}` : null].filter(Boolean).join('\n')));
  if (view.exposure) blocks.push(section(`:warning: *Exposure:* ${exposureText(view.exposure)}.`));
  blocks.push(
    context([
      lastAction
        ? `Last action: ${auditSentence(lastAction)}, ${slackDate(lastAction.at, view.at, timeZone)}.`
        : 'No one has acted on this pod through podwarden yet.',
    ]),
  );
  if (view.mayAct && running) blocks.push(actions([stopButton(pod)]));
  else if (view.mayAct && (pod.status === 'EXITED' || pod.status === 'PAUSED'))
    blocks.push(actions([resumeButton(pod)]));
  return {
    text: escapeMrkdwn(
      `${pod.name} (${pod.id}): ${pod.status.toLowerCase()}, ${pod.gpuCount} GPU, $${pod.costPerHr.toFixed(2)}/h`,
    ),
    blocks,
  };
}
