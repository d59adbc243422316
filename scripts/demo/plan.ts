/**
 * The demo's posts, as a plan both networks' seeders follow: about 300 posts over the last two
 * days from the same seed every run. Hand-written "showcase" posts in the last three hours (the
 * first page Braid loads) show one feature each; generated posts fill the rest.
 */
import { sampleLink, topics, type SampleLink, type TopicName } from './content.ts';
import { blueskyHandle, mastodonAcct, mastodonServersOf, people, person, type Person } from './people.ts';
import type { Random } from './random.ts';
import type { SampleImageName } from './sample-images.ts';

export type DemoNetwork = 'bluesky' | 'mastodon';

export interface PlannedPost {
  id: string;
  /** A sample person's key. */
  author: string;
  network: DemoNetwork;
  at: Date;
  text: string;
  language: string;
  /** alt '' is a picture without a description. */
  image?: { name: SampleImageName; alt: string };
  /** Mastodon's preview card; Bluesky's external embed. */
  card?: SampleLink;
  /** Mastodon only: spoiler_text. */
  contentWarning?: string;
  /** Mastodon only: media hidden behind a click, without a content warning. */
  sensitive?: boolean;
  /** Bluesky only: a self-label on the post. */
  selfLabel?: 'graphic-media' | 'nudity';
  /** Bluesky only: this part of the text links somewhere else than it says. */
  disguisedLink?: { text: string; target: string };
  /** A plan id on the same network. */
  replyTo?: string;
  /** A quote post of this plan id, on the same network (Mastodon: on the servers holding it). */
  quoteOf?: string;
  /** Mastodon only: the sample clip (sample-video.ts), as a video or as a GIF-like loop. */
  video?: { kind: 'video' | 'gifv'; alt: string };
  /** Mastodon only: a poll closing `hours` from now. */
  poll?: { options: string[]; multiple?: boolean; hours: number };
}

export interface PlannedBoost {
  /** A sample person's key. */
  by: string;
  /** A plan id. */
  of: string;
  at: Date;
}

export interface DemoPlan {
  posts: PlannedPost[];
  boosts: PlannedBoost[];
}

const minute = 60_000;
const maxGeneratedChars = 280; // under Bluesky's 300 graphemes, whatever is appended

const isBridged = (p: Person) => p.home.kind === 'bluesky' && p.home.bridged;
const networkOf = (p: Person): DemoNetwork => (p.home.kind === 'bluesky' ? 'bluesky' : 'mastodon');
const languageOf = (topic: TopicName) => (topic.endsWith('-ja') ? 'ja' : topic.endsWith('-ar') ? 'ar' : 'en');

/** How `author` mentions `subject` on `network`. */
function mention(author: Person, subject: Person, network: DemoNetwork): string {
  if (network === 'bluesky') return `@${blueskyHandle(subject)}`;
  const sameServer = author.home.kind === 'mastodon-local' && subject.home.kind === 'mastodon-local' && author.home.server === subject.home.server;
  return sameServer ? `@${subject.key}` : `@${mastodonAcct(subject)}`;
}

/** Whether a mention of `subject` reaches them from where `author` posts: a user of one test server is unknown on the other. */
function addressable(author: Person, subject: Person): boolean {
  if (subject.home.kind !== 'mastodon-local') return true;
  return author.home.kind === 'mastodon-local' && author.home.server === subject.home.server;
}

/** Whether every Mastodon server holding `author`'s statuses also holds `post` (to reply to or boost it there). */
function reachable(author: Person, post: PlannedPost): boolean {
  if (post.network === 'bluesky') return networkOf(author) === 'bluesky';
  if (networkOf(author) !== 'mastodon') return false;
  const holding = mastodonServersOf(person(post.author));
  return mastodonServersOf(author).every((server) => holding.includes(server));
}

/** The hand-written posts, each showing one thing Braid has to get right. */
function showcase(now: number): { posts: PlannedPost[]; boosts: PlannedBoost[] } {
  const ago = (minutes: number) => new Date(now - minutes * minute);
  const post = (id: string, author: string, network: DemoNetwork, minutesAgo: number, text: string, extra: Partial<PlannedPost> = {}): PlannedPost => ({
    id, author, network, at: ago(minutesAgo), text, language: 'en', ...extra,
  });
  const gardenSwap = 'Seed swap at the community garden this Saturday from 10:00! Bring your extra seeds and cuttings 🌱';
  const tramLine = 'The new tram line opens on Monday, with free rides all weekend. See you at the depot open day! 🚋 #urbanism';
  const protocols = sampleLink('https://protocols.example/atproto-activitypub');
  const boring = sampleLink('https://dev-notes.example/boring-tech');
  return {
    posts: [
      // Cross-posts (bridged with Bridgy Fed, within minutes): one item each in Braid.
      post('show-tram', 'ines', 'bluesky', 12, tramLine),
      post('show-tram-bridged', 'ines', 'mastodon', 10, tramLine),
      post('show-protocols', 'kai', 'bluesky', 47, `Good explainer of how a post travels on both networks: ${protocols.url}`, { card: protocols }),
      post('show-protocols-bridged', 'kai', 'mastodon', 46, `Good explainer of how a post travels on both networks: ${protocols.url}`, { card: protocols }),
      post('show-heron', 'rosa', 'bluesky', 95, 'A grey heron fishing at the marsh this morning 🐦 #birds', { image: { name: 'sea', alt: 'A grey heron standing in shallow water at the edge of a marsh' } }),
      post('show-heron-bridged', 'rosa', 'mastodon', 92, 'A grey heron fishing at the marsh this morning 🐦 #birds', { image: { name: 'sea', alt: 'A grey heron standing in shallow water at the edge of a marsh' } }),
      // The near miss: the same person and words, but 25 minutes apart: two items.
      post('show-swap', 'ines', 'bluesky', 160, gardenSwap),
      post('show-swap-late', 'ines', 'mastodon', 135, gardenSwap),
      // A link whose text shows another host than where it goes.
      post('show-disguised', 'sam', 'bluesky', 30, 'Free coffee for a year ☕ Claim yours at coffee.example/claim before midnight!', {
        disguisedLink: { text: 'coffee.example/claim', target: 'https://claim-a-prize.example/coffee?from=braid-demo' },
      }),
      // Content warnings and sensitive media on Mastodon.
      post('show-spoiler', 'lena', 'mastodon', 20, 'I did NOT expect the captain to stay behind. What an ending 😭 #TheLongOrbit', {
        contentWarning: 'Spoilers: the last episode of The Long Orbit',
      }),
      post('show-roast', 'ana', 'mastodon', 65, 'Slow-roasted lamb for the whole family today, with rosemary from the balcony.', {
        contentWarning: 'Food (meat)',
        image: { name: 'bread', alt: 'A roasting tin with a golden crust, fresh out of the oven' },
      }),
      post('show-print', 'chloe', 'mastodon', 85, 'New linocut print, still drying on the line. #mastoart', {
        sensitive: true,
        image: { name: 'cat', alt: 'A linocut print of a sleeping cat, dark ink on cream paper' },
      }),
      post('show-roof', 'ben', 'mastodon', 40, 'Sunset from the office roof, no filter.', { image: { name: 'sunset', alt: '' } }),
      post('show-harbour', 'tomas', 'mastodon', 25, 'Evening at the harbour wall. #photography', {
        image: { name: 'sea', alt: 'Waves rolling in under a pale blue sky, seen from the harbour wall' },
      }),
      post('show-boring', 'emil', 'mastodon', 70, `Worth a read, still true: ${boring.url}`, { card: boring }),
      // Pictures and self-labels on Bluesky.
      post('show-rooftops', 'maya', 'bluesky', 15, 'Golden hour over the rooftops 🌅 #photography', {
        image: { name: 'sunset', alt: 'Rooftops and chimneys against an orange evening sky' },
      }),
      post('show-woods', 'jonas', 'bluesky', 55, 'Morning ride through the woods 🚲', { image: { name: 'forest', alt: '' } }),
      post('show-scar', 'aisha', 'bluesky', 75, 'Two weeks after knee surgery and the scar is healing well (photo is a bit graphic).', {
        selfLabel: 'graphic-media',
        image: { name: 'snow', alt: 'A healing surgical scar on a knee' },
      }),
      post('show-figures', 'ola', 'bluesky', 110, 'Charcoal studies from tonight’s life drawing class 🎨', {
        selfLabel: 'nudity',
        image: { name: 'snow', alt: 'Three charcoal figure studies on grey paper' },
      }),
      post('show-quote', 'theo', 'bluesky', 10, 'This light! 😍 The whole timeline should be Maya’s rooftops.', { quoteOf: 'show-rooftops' }),
      // Mentions, replies, other scripts, many emoji and hashtags.
      post('show-talk', 'felix', 'mastodon', 35, '@lena@social.example your talk on reproducible builds was the best one of the day. Slides anywhere? #opensource'),
      post('show-seconded', 'amara', 'mastodon', 30, '@felix@fosstodon.example @lena@social.example seconded, it was great!', { replyTo: 'show-talk' }),
      post('show-talk-quote', 'amara', 'mastodon', 20, 'If you missed it, this is the talk everyone is talking about.', { quoteOf: 'show-talk' }),
      post('show-poll', 'olu', 'mastodon', 65, 'Which track should open the new album? 🎶', { poll: { options: ['Harbour Lights', 'Paper Moon', 'Night Train'], hours: 30 } }),
      post('show-lighthouse', 'lucia', 'bluesky', 22, '@hanako.test which novel was the one with the lighthouse? I need it for book club 📚'),
      // The newest post of all, so that the first screen shows another script, emoji and a picture.
      post('show-balcony', 'hanako', 'bluesky', 0.5, '水やりのあと、ベランダから見た朝の空 ☀️🌱 #ガーデニング', {
        language: 'ja',
        image: { name: 'sea', alt: 'ベランダから見た青い空と海' },
      }),
      post('show-tomatoes', 'hanako', 'bluesky', 50, '今日は庭でトマトを収穫しました 🍅 #家庭菜園', { language: 'ja' }),
      post('show-tomatoes-reply', 'priya', 'bluesky', 40, 'Beautiful tomatoes! 🍅 Mine are still green.', { replyTo: 'show-tomatoes' }),
      post('show-novel', 'nour', 'mastodon', 45, 'أنهيت قراءة رواية رائعة اليوم 📚 #كتب', { language: 'ar' }),
      post('show-single', 'olu', 'mastodon', 33, 'New single out on Friday 🎶🎸🔥 #music #newmusic #indie'),
      post('show-video', 'ben', 'mastodon', 26, 'Four seconds of colour from the light show at the harbour last night 🌈', {
        video: { kind: 'video', alt: 'Soft bands of colour drifting slowly across the frame' },
      }),
    ],
    boosts: [
      { by: 'felix', of: 'show-spoiler', at: ago(18) },
      { by: 'grace', of: 'show-harbour', at: ago(5) },
      { by: 'kenji', of: 'show-rooftops', at: ago(8) },
    ],
  };
}

const replyLines = [
  'So good!', 'Where was this?', 'Congratulations! 🎉', 'Same here.', 'This made my day.', 'Saving this for later.',
  'Ha, I know exactly what you mean.', 'Beautiful 😍', 'Tell me more!', 'Oh, I need to try this.', 'Agreed, completely.',
];

/** Writes generated posts: each from one of the author's topics, lines used least so far first. */
function createPostWriter(random: Random) {
  const uses = new Map<string, number>();
  const line = (lines: readonly string[], avoid?: string): string => {
    const candidates = lines.filter((l) => l !== avoid);
    const fewest = Math.min(...candidates.map((l) => uses.get(l) ?? 0));
    const chosen = random.pick(candidates.filter((l) => (uses.get(l) ?? 0) === fewest));
    uses.set(chosen, fewest + 1);
    return chosen;
  };

  return (id: string, author: Person, network: DemoNetwork, at: Date): PlannedPost => {
    const topic = random.pick(author.topics);
    const { lines, emoji, hashtags, links, images } = topics[topic];
    const parts = [line(lines)];
    if (random.chance(0.3)) parts.push(line(lines, parts[0]));
    if (random.chance(0.4)) parts.push(random.pick(emoji));
    if (random.chance(0.35)) parts.push(`#${random.pick(hashtags)}`);
    const post: PlannedPost = { id, author: author.key, network, at, text: parts.join(' '), language: languageOf(topic) };
    if (links.length > 0 && random.chance(0.12)) {
      post.card = random.pick(links);
      post.text = `${post.text} ${post.card.url}`;
    } else if (images.length > 0 && random.chance(0.1)) {
      post.image = random.pick(images);
    }
    if (!isBridged(author) && random.chance(0.08)) {
      const others = people.filter((p) => p !== author && networkOf(p) === network && !isBridged(p) && addressable(author, p));
      post.text = `${mention(author, random.pick(others), network)} ${post.text}`;
    }
    if (post.text.length > maxGeneratedChars) throw new Error(`demo post too long (${post.text.length}): ${post.text}`);
    return post;
  };
}

/** Everyone's posts, replies and boosts, from the same seed every time; `now` is when seeding starts. */
export function buildPlan(random: Random, now: number): DemoPlan {
  const { posts, boosts } = showcase(now);
  const write = createPostWriter(random);
  let next = 0;
  const id = () => `p${++next}`;
  // Two days, the newest 20 minutes left to the showcase and the live posts.
  const someTime = () => new Date(now - random.int(20 * minute, 48 * 60 * minute));

  for (const author of people) {
    const count = random.int(6, 10);
    for (let i = 0; i < count; i++) {
      const original = write(id(), author, networkOf(author), someTime());
      posts.push(original);
      // Bridgy Fed brings the post to the fediverse a minute or three later.
      if (isBridged(author)) posts.push({ ...original, id: id(), network: 'mastodon', at: new Date(original.at.getTime() + random.int(60_000, 180_000)) });
    }
  }

  const originals = posts.filter((p) => p.replyTo === undefined && p.quoteOf === undefined && !p.id.startsWith('show-'));
  const talkers = people.filter((p) => !isBridged(p));
  const later = (from: Date, minMinutes: number, maxMinutes: number) =>
    new Date(Math.min(from.getTime() + random.int(minMinutes * minute, maxMinutes * minute), now - minute));

  for (let made = 0; made < 30; ) {
    const parent = random.pick(originals);
    const author = random.pick(talkers);
    if (author.key === parent.author || !reachable(author, parent)) continue;
    const words = random.pick(replyLines);
    const text = parent.network === 'mastodon' ? `${mention(author, person(parent.author), 'mastodon')} ${words}` : words;
    posts.push({ id: id(), author: author.key, network: parent.network, at: later(parent.at, 3, 180), text, language: 'en', replyTo: parent.id });
    made++;
  }

  for (let made = 0; made < 20; ) {
    const original = random.pick(originals);
    const booster = random.pick(talkers);
    if (booster.key === original.author || !reachable(booster, original) || boosts.some((b) => b.by === booster.key && b.of === original.id)) continue;
    boosts.push({ by: booster.key, of: original.id, at: later(original.at, 10, 600) });
    made++;
  }

  posts.sort((a, b) => a.at.getTime() - b.at.getTime());
  boosts.sort((a, b) => a.at.getTime() - b.at.getTime());
  return { posts, boosts };
}

/** New posts for the live trickle: someone (not bridged) says something now. */
export function createLivePosts(random: Random): (id: string, at: Date) => PlannedPost {
  const write = createPostWriter(random);
  const speakers = people.filter((p) => !isBridged(p));
  return (id, at) => {
    const author = random.pick(speakers);
    return write(id, author, networkOf(author), at);
  };
}
