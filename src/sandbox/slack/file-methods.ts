/**
 * The files upload v2 flow: files.getUploadURLExternal hands out an upload URL on this server, the
 * bytes are POSTed there, files.completeUploadExternal shares them into a channel as a message.
 */
import { z } from 'zod';
import { channelDenial } from './channel-methods.js';
import { resolveChannel } from './chat-methods.js';
import {
  appendMessage,
  emitChange,
  findMessage,
  type SlackFile,
  type StandInState,
  type UploadRecord,
} from './stand-in-state.js';
import { type ApiResponse, fail, numberParam, readParams } from './web-api-params.js';

const GetUploadUrlParams = z.object({
  filename: z.string().min(1),
  length: numberParam,
  alt_text: z.string().optional(),
  alt_txt: z.string().optional(),
});

export function getUploadUrl(
  state: StandInState,
  baseUrl: string,
  params: Record<string, unknown>,
): ApiResponse {
  const read = readParams(GetUploadUrlParams, params);
  if (!read.ok) return read.response;
  const id = state.nextId('F');
  const upload: UploadRecord = {
    id,
    filename: read.value.filename,
    title: read.value.filename,
    altText: read.value.alt_text ?? read.value.alt_txt ?? null,
    length: read.value.length,
    bytes: null,
    mimetype: 'application/octet-stream',
    url: `${baseUrl}/files/${id}/${encodeURIComponent(read.value.filename)}`,
    channel: null,
    ts: null,
  };
  state.uploads.set(id, upload);
  return { ok: true, upload_url: `${baseUrl}/upload/${id}`, file_id: id };
}

function sniffMimetype(bytes: Uint8Array, filename: string): string {
  const starts = (...prefix: number[]) => prefix.every((byte, i) => bytes[i] === byte);
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  const head = new TextDecoder().decode(bytes.subarray(0, 256)).trimStart();
  if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'))) return 'image/svg+xml';
  if (filename.endsWith('.json')) return 'application/json';
  if (filename.endsWith('.csv')) return 'text/csv';
  if (filename.endsWith('.txt')) return 'text/plain';
  return 'application/octet-stream';
}

/** The raw upload to an upload URL: multipart (what WebClient sends), a form `body` field, or raw bytes. */
export async function receiveUpload(
  state: StandInState,
  fileId: string,
  contentType: string,
  body: Buffer,
): Promise<{ status: number; text: string }> {
  const upload = state.uploads.get(fileId);
  if (!upload) return { status: 404, text: 'file_not_found' };
  let bytes: Uint8Array = new Uint8Array(body);
  if (contentType.toLowerCase().startsWith('multipart/form-data')) {
    const form = await new Response(new Uint8Array(body), {
      headers: { 'content-type': contentType },
    }).formData();
    const file = [...form.values()].find((value) => typeof value !== 'string');
    if (!file || typeof file === 'string') return { status: 400, text: 'no_file_data' };
    bytes = new Uint8Array(await (file as Blob).arrayBuffer());
  } else if (contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    bytes = new TextEncoder().encode(new URLSearchParams(body.toString('utf8')).get('body') ?? '');
  }
  upload.bytes = bytes;
  upload.mimetype = sniffMimetype(bytes, upload.filename);
  return { status: 200, text: `OK - ${bytes.length}` };
}

const CompleteParams = z.object({
  files: z.array(z.object({ id: z.string().min(1), title: z.string().optional() })).min(1),
  channel_id: z.string().min(1).optional(),
  channels: z.string().min(1).optional(),
  initial_comment: z.string().optional(),
  thread_ts: z.string().min(1).optional(),
});

function fileObject(upload: UploadRecord): SlackFile {
  return {
    id: upload.id,
    name: upload.filename,
    title: upload.title,
    mimetype: upload.mimetype,
    altText: upload.altText,
    size: upload.bytes?.length ?? 0,
    url: upload.url,
  };
}

export function completeUpload(state: StandInState, params: Record<string, unknown>): ApiResponse {
  const read = readParams(CompleteParams, params);
  if (!read.ok) return read.response;
  const uploads: UploadRecord[] = [];
  for (const file of read.value.files) {
    const upload = state.uploads.get(file.id);
    if (!upload?.bytes) return fail('file_not_found', { file_id: file.id });
    if (file.title) upload.title = file.title;
    uploads.push(upload);
  }
  const channelId = read.value.channel_id ?? read.value.channels?.split(',')[0];
  if (channelId) {
    const channel = resolveChannel(state, channelId);
    if (!channel) return fail('channel_not_found');
    const denied = channelDenial(state, channel, 'file');
    if (denied) return denied;
    let threadTs: string | null = null;
    if (read.value.thread_ts) {
      const parent = findMessage(state, channel.id, read.value.thread_ts);
      if (!parent) return fail('thread_not_found');
      threadTs = parent.threadTs ?? parent.ts;
    }
    const message = appendMessage(state, {
      channel: channel.id,
      user: state.bot.userId,
      botId: state.bot.botId,
      text: read.value.initial_comment ?? '',
      blocks: [],
      threadTs,
      files: uploads.map(fileObject),
    });
    for (const upload of uploads) {
      upload.channel = channel.id;
      upload.ts = message.ts;
    }
  }
  emitChange(state, { kind: 'file', ...(channelId ? { channel: channelId } : {}) });
  return {
    ok: true,
    files: uploads.map((upload) => ({
      id: upload.id,
      name: upload.filename,
      title: upload.title,
      mimetype: upload.mimetype,
      size: upload.bytes?.length ?? 0,
      url_private: upload.url,
      permalink: upload.url,
    })),
  };
}
