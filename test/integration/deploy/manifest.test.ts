import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';

const root = path.resolve(import.meta.dirname, '../../..');
const EVENTS_URL = 'https://podwarden.example.com/slack/events';

// Field rules of Slack's manifest schema (slackapi/manifest-schema, api.slack.com/concepts/manifests).
const ManifestSchema = z.object({
  display_information: z.object({
    name: z.string().min(1).max(35),
    description: z.string().max(140).optional(),
    long_description: z.string().min(175).max(4000).optional(),
    background_color: z
      .string()
      .regex(/^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/)
      .optional(),
  }),
  features: z.object({
    app_home: z.object({
      home_tab_enabled: z.boolean(),
      messages_tab_enabled: z.boolean(),
      messages_tab_read_only_enabled: z.boolean(),
    }),
    bot_user: z.object({
      display_name: z
        .string()
        .max(80)
        .regex(/^[a-z0-9._-]+$/),
      always_online: z.boolean(),
    }),
    slash_commands: z
      .array(
        z.object({
          command: z
            .string()
            .min(2)
            .max(32)
            .regex(/^\/\S+$/),
          description: z.string().min(1).max(2000),
          usage_hint: z.string().max(1000).optional(),
          should_escape: z.boolean().optional(),
          url: z.url().optional(),
        }),
      )
      .max(50),
  }),
  oauth_config: z.object({ scopes: z.object({ bot: z.array(z.string()).max(255) }) }),
  settings: z.object({
    interactivity: z.object({ is_enabled: z.boolean(), request_url: z.url().optional() }),
    event_subscriptions: z.object({
      request_url: z.url().optional(),
      bot_events: z.array(z.string()).max(100),
    }),
    org_deploy_enabled: z.boolean().optional(),
    socket_mode_enabled: z.boolean(),
    token_rotation_enabled: z.boolean().optional(),
  }),
});

type Manifest = z.infer<typeof ManifestSchema>;

const manifestText = readFileSync(path.join(root, 'manifest.yml'), 'utf8');

function loadManifest(): Manifest {
  return ManifestSchema.parse(parse(manifestText, { uniqueKeys: true }));
}

// The bot scope each Web API method needs (docs.slack.dev/reference/methods); [] means none.
const SCOPES_BY_METHOD: Record<string, string[]> = {
  'auth.test': [],
  'apps.connections.open': [],
  'chat.postMessage': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'chat.update': ['chat:write'],
  'chat.delete': ['chat:write'],
  'chat.getPermalink': [],
  'chat.scheduleMessage': ['chat:write'],
  'conversations.open': ['im:write'],
  // Idle prompts are looked for in the DM (im) or in IDLE_CHANNEL (public or private); digests,
  // alerts and escalations in their channels; threaded escalations in the prompt's thread.
  'conversations.history': ['im:history', 'channels:history', 'groups:history'],
  'conversations.replies': ['im:history', 'channels:history', 'groups:history'],
  // channels:read for public channels, groups:read for private ones (either, by channel type).
  'conversations.info': ['channels:read', 'groups:read'],
  'conversations.join': ['channels:join'],
  'users.info': ['users:read'],
  'users.list': ['users:read'],
  'users.lookupByEmail': ['users:read', 'users:read.email'],
  'files.uploadV2': ['files:write'],
  'files.getUploadURLExternal': ['files:write'],
  'files.completeUploadExternal': ['files:write'],
  'views.open': [],
  'views.update': [],
  'views.push': [],
  'views.publish': [],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** Web API methods that podwarden's own code calls (the sandbox's Slack stand-in only answers them). */
function webApiMethodsCalledBySrc(): Set<string> {
  const called = new Set<string>();
  const namespaces = 'auth|apps|chat|conversations|users|files|views|team|reactions|im';
  const patterns = [
    new RegExp(`\\bclient\\.(${namespaces})\\.(\\w+)\\(`, 'g'),
    new RegExp(`['"\`](${namespaces})\\.([a-zA-Z]+)['"\`]`, 'g'),
  ];
  const sandbox = path.join(root, 'src', 'sandbox');
  for (const file of sourceFiles(path.join(root, 'src'))) {
    if (file.startsWith(sandbox)) continue;
    const text = readFileSync(file, 'utf8');
    if (/\bclient\.filesUploadV2\(/.test(text)) called.add('files.uploadV2');
    for (const pattern of patterns) {
      for (const match of text.matchAll(pattern)) called.add(`${match[1]}.${match[2]}`);
    }
  }
  return called;
}

describe('manifest.yml', () => {
  it('parses as YAML and satisfies Slack field rules', () => {
    expect(() => loadManifest()).not.toThrow();
  });

  it('reads the same to YAML 1.1 and 1.2 readers (no bare yes/no/on/off, no octal-looking numbers)', () => {
    expect(parse(manifestText, { version: '1.1' })).toEqual(parse(manifestText, { version: '1.2' }));
  });

  it('presents podwarden with a description and a long description Slack accepts', () => {
    const { display_information: info } = loadManifest();
    expect(info.name).toBe('podwarden');
    expect(info.description?.length).toBeLessThanOrEqual(140);
    expect(info.description).toMatch(/RunPod/);
    expect(info.long_description?.length).toBeGreaterThanOrEqual(175);
    expect(info.long_description?.length).toBeLessThanOrEqual(4000);
    // Folded paragraphs: blank lines in the file become paragraph breaks, no line is cut mid-sentence.
    expect(info.long_description).toContain('\n\n*Pod control.*');
    expect(info.long_description).not.toMatch(/[^\n]\n[^\n]/);
    expect(info.background_color).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('declares one escaped /pod command whose usage hint names real subcommands', () => {
    const { features } = loadManifest();
    expect(features.bot_user.display_name).toBe('podwarden');
    expect(features.slash_commands).toHaveLength(1);
    const [pod] = features.slash_commands;
    expect(pod?.command).toBe('/pod');
    expect(pod?.should_escape).toBe(true);
    expect(pod?.url).toBe(EVENTS_URL);
    for (const subcommand of ['help', 'list', 'status', 'stop', 'resume', 'keep', 'cost']) {
      expect(pod?.usage_hint).toMatch(new RegExp(`\\b${subcommand}\\b`));
    }
  });

  it('enables the App Home tab and a read-only Messages tab, with app_home_opened subscribed', () => {
    const { features, settings } = loadManifest();
    expect(features.app_home).toEqual({
      home_tab_enabled: true,
      messages_tab_enabled: true,
      messages_tab_read_only_enabled: true,
    });
    expect(settings.event_subscriptions.bot_events).toContain('app_home_opened');
  });

  it('runs in HTTP mode: every request URL points at /slack/events over HTTPS', () => {
    const { settings } = loadManifest();
    expect(settings.socket_mode_enabled).toBe(false);
    expect(settings.interactivity).toEqual({ is_enabled: true, request_url: EVENTS_URL });
    expect(settings.event_subscriptions.request_url).toBe(EVENTS_URL);
    expect(settings.token_rotation_enabled).toBe(false);
    // The comment at the top tells how to switch to Socket Mode.
    expect(manifestText).toMatch(/^# Socket Mode.*socket_mode_enabled to true/m);
    expect(manifestText).toMatch(/SLACK_APP_TOKEN/);
  });

  it('asks for exactly the bot scopes the features need', () => {
    const scopes = loadManifest().oauth_config.scopes.bot;
    expect([...scopes].sort()).toEqual(
      [
        'channels:history',
        'channels:join',
        'channels:read',
        'chat:write',
        'chat:write.public',
        'commands',
        'files:write',
        'groups:history',
        'groups:read',
        'im:history',
        'im:write',
        'users:read',
      ].sort(),
    );
  });

  it('covers the scope of every Slack Web API method the code calls', () => {
    const granted = new Set(loadManifest().oauth_config.scopes.bot);
    const missing: string[] = [];
    for (const method of webApiMethodsCalledBySrc()) {
      const needed = SCOPES_BY_METHOD[method];
      if (!needed) {
        missing.push(`${method}: unknown to this test, add its scope to SCOPES_BY_METHOD`);
        continue;
      }
      for (const scope of needed) if (!granted.has(scope)) missing.push(`${method} needs ${scope}`);
    }
    expect(missing).toEqual([]);
  });
});
