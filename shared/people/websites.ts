/**
 * The websites a person's profile links, as pages to read for rel="me" links to their accounts
 * elsewhere (electron/core/people/find-people.ts): addresses only, nothing fetched here. Links to
 * an account on a network (bsky.app, a Mastodon profile page), mentions and hashtags are not
 * websites. A Bluesky domain handle (alice.example) is a site the person controls.
 */
import { Parser } from 'htmlparser2';
import { httpUrl } from '../text/links.ts';
import { accountAtPage } from '../timeline/identity-claims.ts';

/** Sites read for one person, at most. */
export const maxWebsites = 2;

// Handles under a host's domain, whose root is the host's site, not the person's.
const hostedHandle = /(^|\.)(bsky\.social|brid\.gy)$|\.invalid$/i;

function website(href: string): string | null {
  const url = httpUrl(href);
  if (!url || /^(www\.)?bsky\.app$/i.test(url.hostname)) return null;
  if (accountAtPage(url.href, 'mastodon') || accountAtPage(url.href, 'bluesky')) return null;
  return url.href;
}

const firstSites = (hrefs: Iterable<string>): string[] => {
  const sites = new Set<string>();
  for (const href of hrefs) {
    const site = website(href);
    if (site) sites.add(site);
    if (sites.size === maxWebsites) break;
  }
  return [...sites];
};

/** The links of Mastodon HTML (a field's value, a note) that are neither mentions nor hashtags. */
function linksOfHtml(html: string): string[] {
  const links: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const classes = (attributes.class ?? '').split(/\s+/);
        const rel = (attributes.rel ?? '').split(/\s+/);
        if (name === 'a' && attributes.href && !classes.includes('mention') && !classes.includes('hashtag') && !rel.includes('tag')) links.push(attributes.href);
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return links;
}

/** A Mastodon profile's sites: its fields' links first (verified or not), then its note's. */
export function websitesOfMastodonProfile(profile: { note: string; fields: readonly { value: string }[] }): string[] {
  return firstSites([...profile.fields.flatMap((field) => linksOfHtml(field.value)), ...linksOfHtml(profile.note)]);
}

/** A Bluesky profile's sites: its handle's domain when it is the person's own, then the http(s) links of its description. */
export function websitesOfBlueskyProfile(handle: string, description: string): string[] {
  const own = handle.includes('.') && !hostedHandle.test(handle) ? [`https://${handle.toLowerCase()}/`] : [];
  const links = description.split(/\s+/).map((word) => word.replace(/^[(<"'[]+/u, '').replace(/[.,;:!?)>"'\]]+$/u, '')).filter((word) => /^https?:\/\//i.test(word));
  return firstSites([...own, ...links]);
}
