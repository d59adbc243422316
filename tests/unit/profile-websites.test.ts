import { describe, expect, it } from 'vitest';
import { websitesOfBlueskyProfile, websitesOfMastodonProfile } from '../../shared/people/websites.ts';

const link = (href: string, attributes = '') => `<a href="${href}" target="_blank" rel="nofollow noopener noreferrer me"${attributes}>${href}</a>`;

describe('the websites a profile links', () => {
  it('Mastodon: field links first, verified or not, then the note’s; no accounts, mentions or hashtags; two at most', () => {
    const profile = {
      note: `<p>Hi ${link('https://social.example/@ann', ' class="u-url mention"')} ${link('https://social.example/tags/art', ' class="mention hashtag"')} ${link('https://blog.example/')} ${link('https://third.example/')}</p>`,
      fields: [
        { value: link('https://bsky.app/profile/ann.example') },
        { value: link('https://other.example/@ann') },
        { value: 'plain text, https-less ann.example' },
        { value: link('https://ann.example/?a=1&amp;b=2') },
      ],
    };
    expect(websitesOfMastodonProfile(profile)).toEqual(['https://ann.example/?a=1&b=2', 'https://blog.example/']);
    expect(websitesOfMastodonProfile({ note: link('javascript:alert(1)'), fields: [{ value: link('https://bsky.app/') }] })).toEqual([]);
  });

  it('Bluesky: a domain handle is a site, a hosted one is not; then the description’s http(s) links', () => {
    expect(websitesOfBlueskyProfile('ann.example', 'Blog: https://blog.example/posts. Also https://social.example/@ann')).toEqual(['https://ann.example/', 'https://blog.example/posts']);
    expect(websitesOfBlueskyProfile('ann.bsky.social', '(https://ann.example/) and https://two.example and https://three.example')).toEqual(['https://ann.example/', 'https://two.example/']);
    expect(websitesOfBlueskyProfile('ann.social.example.ap.brid.gy', '')).toEqual([]);
  });
});
