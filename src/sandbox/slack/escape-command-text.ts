/**
 * What Slack does to a slash command's text before it reaches an app whose command has
 * `should_escape: true`: `&`, `<`, `>` become entities, and the people, channels and links in it
 * become `<@U…|name>`, `<#C…|name>` and `<url>`, so the app reads ids, never display names.
 */
import type { SandboxChannel, SandboxUser } from './sandbox-directory.js';

const entities = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function escapeCommandText(
  typed: string,
  workspace: { users: readonly SandboxUser[]; channels: readonly SandboxChannel[] },
): string {
  return entities(typed)
    .replace(/(^|\s)@([a-z0-9._-]+)/gi, (whole, lead: string, name: string) => {
      const lower = name.toLowerCase();
      const user = workspace.users.find((u) => u.name === lower || u.realName.toLowerCase() === lower);
      return user ? `${lead}<@${user.id}|${user.name}>` : whole;
    })
    .replace(/(^|\s)#([a-z0-9._-]+)/gi, (whole, lead: string, name: string) => {
      const channel = workspace.channels.find((c) => c.name === name.toLowerCase());
      return channel ? `${lead}<#${channel.id}|${channel.name}>` : whole;
    })
    .replace(/(^|\s)(https?:\/\/[^\s<>]+)/g, (_whole, lead: string, url: string) => `${lead}<${url}>`);
}
