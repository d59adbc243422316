import { ServerError } from '../../base/errors.ts';

const loopbackHosts = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/**
 * The instance a user means, from what they typed: "mastodon.social", "https://mastodon.social/",
 * "@me@mastodon.social", "me@mastodon.social", "https://mastodon.social/@me". Always https;
 * plain http only for loopback addresses (local test servers).
 */
export function instanceOrigin(input: string): string {
  let text = input.trim();
  if (!text) throw new ServerError('invalid_input', 'Type the address of your Mastodon server, like mastodon.social.');
  const handle = /^@?[^@/\s:]+@([^@/\s]+)$/.exec(text);
  if (handle?.[1]) text = handle[1];
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `https://${text}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ServerError('invalid_input', `“${input.trim()}” is not a server address Braid understands.`);
  }
  const loopback = loopbackHosts.test(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new ServerError('invalid_input', `Braid connects to Mastodon servers over https only (“${input.trim()}”).`);
  }
  if (url.username || url.password) throw new ServerError('invalid_input', 'A server address has no user name or password in it.');
  if (!loopback && !url.hostname.includes('.')) {
    throw new ServerError('invalid_input', `“${url.hostname}” is not a full server name (like mastodon.social).`);
  }
  return url.origin;
}
