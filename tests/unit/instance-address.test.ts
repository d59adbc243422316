import { describe, expect, it } from 'vitest';
import { ServerError } from '../../electron/core/base/errors.ts';
import { firstReachable, instanceOrigin, instanceOrigins } from '../../electron/core/networks/mastodon/instance-address.ts';

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

describe('the addresses tried for what the user typed', () => {
  it.each([
    ['mastodon.social', ['https://mastodon.social'], false],
    ['https://mastodon.social', ['https://mastodon.social'], true],
    ['127.0.0.1:3000', ['https://127.0.0.1:3000', 'http://127.0.0.1:3000'], false],
    ['localhost:4000', ['https://localhost:4000', 'http://localhost:4000'], false],
    ['http://127.0.0.1:3000', ['http://127.0.0.1:3000'], true],
  ])('%s → %j', (input, origins, typedScheme) => {
    expect(instanceOrigins(input)).toEqual({ origins, typedScheme });
  });

  const unreachable = (origin: string) => Promise.reject(new ServerError('network', `Could not reach ${new URL(origin).host}: the connection was refused.`));

  it('goes on to the next address when one cannot be reached, and says which were tried when none can', async () => {
    await expect(firstReachable(instanceOrigins('127.0.0.1:3000'), async (origin) => (origin.startsWith('http:') ? origin : unreachable(origin)))).resolves.toBe('http://127.0.0.1:3000');
    await expect(firstReachable(instanceOrigins('127.0.0.1:3000'), unreachable)).rejects.toThrow(
      'Could not reach 127.0.0.1:3000: the connection was refused (Braid tried https://127.0.0.1:3000 and http://127.0.0.1:3000).',
    );
    await expect(firstReachable(instanceOrigins('social.example'), unreachable)).rejects.toThrow('(Braid tried https://social.example).');
    await expect(firstReachable(instanceOrigins('https://social.example'), unreachable)).rejects.toThrow(/^Could not reach social\.example: the connection was refused\.$/);
  });

  it('never passes over a server that answered, even with a refusal', async () => {
    const refused = () => Promise.reject(new ServerError('invalid_input', 'refused'));
    await expect(firstReachable(instanceOrigins('127.0.0.1:3000'), refused)).rejects.toThrow('refused');
  });
});
