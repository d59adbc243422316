import { describe, expect, it } from 'vitest';
import { countsInFull } from '../../electron/core/networks/mastodon/account-api.ts';

describe('servers known to count a post as written', () => {
  it.each([
    [{ version: '3.5.3+0.17.3', sourceUrl: 'https://codeberg.org/superseriousbusiness/gotosocial' }, true], // GoToSocial, v2
    [{ version: '3.5.3+0.16.0-git-6e89c98' }, true], // GoToSocial, v1 (no source_url)
    [{ version: '2.7.2 (compatible; Pleroma 2.6.1)' }, true],
    [{ version: '2.7.2 (compatible; Akkoma 3.13.2)' }, true],
    [{ version: '4.3.2', sourceUrl: 'https://github.com/mastodon/mastodon' }, false],
    [{ version: '4.2.10+glitch' }, false],
    [{ version: '3.5.3' }, false],
    [{}, false],
  ])('%j → %s', (instance, expected) => {
    expect(countsInFull(instance)).toBe(expected);
  });
});
