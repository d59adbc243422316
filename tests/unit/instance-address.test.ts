import { describe, expect, it } from 'vitest';
import { instanceOrigin } from '../../electron/core/networks/mastodon/instance-address.ts';

describe('the Mastodon server a user means', () => {
  it.each([
    ['mastodon.social', 'https://mastodon.social'],
    ['  Mastodon.Social  ', 'https://mastodon.social'],
    ['https://mastodon.social/', 'https://mastodon.social'],
    ['https://mastodon.social/@gargron', 'https://mastodon.social'],
    ['@me@mastodon.social', 'https://mastodon.social'],
    ['me@mastodon.social', 'https://mastodon.social'],
    ['social.example:8443', 'https://social.example:8443'],
    ['http://127.0.0.1:3000', 'http://127.0.0.1:3000'],
    ['http://localhost:4000/', 'http://localhost:4000'],
    ['bücher.example', 'https://xn--bcher-kva.example'],
  ])('%s → %s', (input, origin) => {
    expect(instanceOrigin(input)).toBe(origin);
  });

  it.each([
    ['', /Type the address/],
    ['http://mastodon.social', /https only/],
    ['ftp://mastodon.social', /https only/],
    ['mastodon', /not a full server name/],
    ['https://user:pw@mastodon.social', /no user name/],
    ['https://exa mple.com', /not a server address/],
  ])('refuses %j', (input, message) => {
    expect(() => instanceOrigin(input)).toThrow(message);
  });
});
