/** What the sample people talk about: lines to build posts from, per topic. */
import type { SampleImageName } from './sample-images.ts';

export interface SampleLink {
  url: string;
  title: string;
  description: string;
}

export interface Topic {
  lines: readonly string[];
  /** Written without '#'. */
  hashtags: readonly string[];
  emoji: readonly string[];
  links: readonly SampleLink[];
  images: readonly { name: SampleImageName; alt: string }[];
}

const link = (url: string, title: string, description: string): SampleLink => ({ url, title, description });

const topicTable = {
  photography: {
    lines: [
      'Golden hour lasted exactly four minutes today and I used all of them.',
      'Finally cleaned my sensor. Every photo from last month suddenly makes sense.',
      'Shooting film again after ten years. The waiting is the best part.',
      'Overcast days are underrated: soft light everywhere, no harsh shadows.',
      'Printed my favourite shots of the year. They look so different on paper.',
      'A 35mm lens and a long walk is still my favourite way to see a city.',
      'Trying to take one photo a day this month. Day 12 and still going.',
      'Nobody warns you how much of photography is just waiting for a bus to leave the frame.',
    ],
    hashtags: ['photography', 'filmphotography', 'streetphotography'],
    emoji: ['📷', '🌅', '🎞️'],
    links: [link('https://photo-journal.example/light/golden-hour', 'Chasing the last light', 'A field guide to the twenty minutes before sunset.')],
    images: [
      { name: 'sunset', alt: 'An orange sky fading into a dark blue horizon' },
      { name: 'sea', alt: 'Calm sea under a pale blue sky' },
    ],
  },
  city: {
    lines: [
      'The new bike lanes on the river road are already full in the mornings.',
      'Our street got three new trees this week and everyone keeps stopping to look at them.',
      'Night buses are the unsung heroes of this city.',
      'Found a tiny bakery behind the station that has apparently been there for forty years.',
      'Public benches are infrastructure. Please put more of them everywhere.',
      'The library reopened with longer hours and a café. Best news of the week.',
      'Walked home the long way along the canal. The city is quiet on Sundays.',
      'A good city lets you get everything you need within a fifteen minute walk.',
    ],
    hashtags: ['urbanism', 'cities', 'walkable'],
    emoji: ['🚋', '🏙️', '🌳'],
    links: [link('https://citylab-notes.example/superblocks', 'What superblocks did to one neighbourhood', 'Five years on: quieter streets, more shops, fewer cars.')],
    images: [{ name: 'snow', alt: 'A quiet square covered in fresh snow' }],
  },
  cycling: {
    lines: [
      'Rode to work in the rain and honestly it was lovely.',
      'New chain, new cassette, and the bike sounds brand new again.',
      '80 km today with a headwind the whole way back. Legs are done.',
      'Reminder: lights on, it gets dark early now.',
      'Cargo bike school run is the best part of my day.',
      'Fixed my first flat on the road without help. Small victories.',
      'The café stop is the real reason for the ride.',
    ],
    hashtags: ['cycling', 'bikecommute', 'cargobike'],
    emoji: ['🚲', '💨', '🌧️'],
    links: [link('https://bike-routes.example/river-loop', 'The river loop, mapped', 'A flat 42 km loop with three good cafés on the way.')],
    images: [{ name: 'forest', alt: 'A gravel path through a tall green forest' }],
  },
  coffee: {
    lines: [
      'Dialled in the new beans on the first try. Never happening again.',
      'Pour-over at 6 am while everyone sleeps is my favourite ritual.',
      'Hot take: a good filter coffee beats most espresso.',
      'Tried an Ethiopian natural this morning. It tastes like blueberries, I am not joking.',
      'My grinder is louder than my alarm clock.',
      'The coffee shop on the corner remembered my order. I live here now.',
    ],
    hashtags: ['coffee', 'pourover'],
    emoji: ['☕', '✨'],
    links: [link('https://brew-guide.example/ratios', 'Brew ratios, explained simply', 'Why 1:16 is a good start and when to change it.')],
    images: [],
  },
  gardening: {
    lines: [
      'The tomatoes finally turned red. All eleven of them.',
      'Planted garlic today. See you in July, little cloves.',
      'Slugs ate every single lettuce overnight. I admire their dedication.',
      'Saving seeds from this year’s beans for next spring.',
      'The balcony herbs are thriving on neglect.',
      'Compost is just slow magic.',
      'Thinned the carrots today. Every single one was tiny.',
    ],
    hashtags: ['gardening', 'growyourown', 'balconygarden'],
    emoji: ['🌱', '🍅', '🪴'],
    links: [link('https://allotment-diary.example/autumn-jobs', 'Ten jobs for the autumn garden', 'Mulch, plant garlic, and leave the seed heads for the birds.')],
    images: [{ name: 'forest', alt: 'Green leaves of runner beans climbing a cane' }],
  },
  'gardening-ja': {
    lines: [
      '今日は庭でトマトを収穫しました。',
      'ベランダのバジルがとても元気です。',
      '朝の水やりは一日で一番静かな時間です。',
      '来年のために豆の種を取っておきます。',
      '雨の後の庭はいい匂いがします。',
      '初めてのナスが実りました！',
    ],
    hashtags: ['家庭菜園', 'ガーデニング'],
    emoji: ['🍅', '🌿', '🌸'],
    links: [],
    images: [{ name: 'forest', alt: 'ベランダの緑の植物' }],
  },
  music: {
    lines: [
      'Learning a new song on the piano, one bar at a time.',
      'That record I bought for the cover turned out to be brilliant.',
      'Live music in a small room is the best thing humans have invented.',
      'Our band plays its first gig in three weeks and I am terrified.',
      'Found my old cassette tapes. The quality is awful and I love it.',
      'Practising scales is boring until suddenly it isn’t.',
      'Playlist for long train rides: slow, warm, no lyrics.',
    ],
    hashtags: ['music', 'vinyl', 'nowplaying'],
    emoji: ['🎶', '🎹', '🎸'],
    links: [link('https://tiny-desk-notes.example/small-rooms', 'Why small venues matter', 'A love letter to rooms that hold eighty people.')],
    images: [],
  },
  science: {
    lines: [
      'Our paper got accepted! Three years of work in twelve pages.',
      'The lab freezer alarm went off at 3 am. Everything is fine. Probably.',
      'Peer review comment of the week: “please cite more of my papers”.',
      'Spent the day counting cells. I see them when I close my eyes.',
      'Open data makes science better, slower to write and faster to check.',
      'Today I explained my research to a nine-year-old. Best question I have had all year.',
      'The telescope time came through. Clear skies, please.',
    ],
    hashtags: ['science', 'academia', 'openscience'],
    emoji: ['🔬', '🧪', '🔭'],
    links: [link('https://open-notebook.example/replication', 'We tried to replicate our own study', 'What happened when a lab checked its own five-year-old result.')],
    images: [],
  },
  tech: {
    lines: [
      'Deleted 2,000 lines of code today. Best commit of the month.',
      'Reproducible builds are not glamorous, but they are how you trust software.',
      'Turns out the bug was a timezone. It is always a timezone.',
      'Wrote the tests first for once and it was genuinely faster.',
      'Small, boring, well-documented libraries are the best libraries.',
      'Self-hosting my own server again. Ask me in a month how it is going.',
      'Accessibility is not a feature, it is the baseline.',
      'Open protocols beat walled gardens in the long run.',
    ],
    hashtags: ['opensource', 'programming', 'fediverse'],
    emoji: ['💻', '🐛', '🔧'],
    links: [
      link('https://dev-notes.example/boring-tech', 'Choose boring technology, still', 'Ten years later, the argument holds up.'),
      link('https://protocols.example/atproto-activitypub', 'Two open social protocols, side by side', 'How ActivityPub and the AT Protocol move a post from you to your followers.'),
    ],
    images: [],
  },
  books: {
    lines: [
      'Finished a 600-page novel in four days. No regrets, little sleep.',
      'The library hold finally came through!',
      'Re-reading a book from my teens. It is a completely different book now.',
      'Book club picked a thriller and now I cannot put it down.',
      'My to-read pile has become a to-read wall.',
      'Short stories are perfect for the commute.',
      'Reading in the park until the light goes is a perfect Sunday.',
    ],
    hashtags: ['books', 'amreading', 'bookclub'],
    emoji: ['📚', '📖'],
    links: [link('https://reading-list.example/autumn', 'Twelve books for the long evenings', 'Novels, essays and one very long poem.')],
    images: [],
  },
  'books-ar': {
    lines: ['أنهيت قراءة رواية رائعة اليوم.', 'المكتبة هي مكاني المفضل في المدينة.', 'أقرأ الشعر كل صباح مع القهوة.', 'نادي الكتاب يجتمع يوم الخميس.'],
    hashtags: ['كتب', 'قراءة'],
    emoji: ['📚', '☕'],
    links: [],
    images: [],
  },
  cooking: {
    lines: [
      'Made bread from scratch. The kitchen smells incredible.',
      'Soup season is here and I have no complaints.',
      'Tried to make dumplings. They look terrible and taste amazing.',
      'A squeeze of lemon fixes almost every dish.',
      'Cooked for twelve people tonight. Nobody left hungry.',
      'My sourdough starter is older than some of my friendships.',
      'Slow Sunday: ragù on the stove since ten this morning.',
    ],
    hashtags: ['cooking', 'baking', 'sourdough'],
    emoji: ['🍞', '🍲', '🥟'],
    links: [link('https://weeknight-kitchen.example/one-pot', 'One pot, twenty minutes', 'Six weeknight dinners that leave one pan to wash.')],
    images: [{ name: 'bread', alt: 'A round sourdough loaf with a dark crust on a wooden board' }],
  },
  birds: {
    lines: [
      'A kingfisher on the canal this morning! First one this year.',
      'The swifts are back and the evening sky is full of screaming.',
      'Counted 34 species on the morning walk.',
      'A heron stood perfectly still for twenty minutes and so did I.',
      'The feeder has been taken over by a gang of sparrows.',
      'Heard an owl last night right outside the window.',
    ],
    hashtags: ['birds', 'birding', 'birdwatching'],
    emoji: ['🐦', '🦉', '🪶'],
    links: [link('https://bird-count.example/weekend', 'The weekend bird count is on', 'An hour, a notebook and whatever lands in your garden.')],
    images: [{ name: 'sea', alt: 'Grey water and sky at the edge of a marsh' }],
  },
  running: {
    lines: [
      'First run under 25 minutes for 5 km!',
      'Rainy long run, very muddy shoes, very happy runner.',
      'Rest days are training days too. Telling myself that.',
      'Park run this morning with three hundred strangers and one dog.',
      'Ran the old route past my school. Everything looks smaller.',
    ],
    hashtags: ['running', 'parkrun'],
    emoji: ['🏃', '👟'],
    links: [],
    images: [{ name: 'snow', alt: 'A running track covered in frost at dawn' }],
  },
  art: {
    lines: [
      'Sketchbook page a day, day 40.',
      'Watercolour is just controlled accidents.',
      'Finally framed the linocut prints. They look like real art now.',
      'Life drawing class tonight. Charcoal everywhere.',
      'Visited the museum’s new wing. Stood in front of one painting for an hour.',
      'Ink, paper and a quiet evening.',
    ],
    hashtags: ['art', 'sketchbook', 'mastoart'],
    emoji: ['🎨', '✏️', '🖌️'],
    links: [],
    images: [{ name: 'cat', alt: 'A loose watercolour of a sleeping cat on a windowsill' }],
  },
} satisfies Record<string, Topic>;

export type TopicName = keyof typeof topicTable;
export const topics: Readonly<Record<TopicName, Topic>> = topicTable;

/** A link of the table by its address (the showcase posts name theirs). */
export function sampleLink(url: string): SampleLink {
  const found = Object.values(topics).flatMap((topic) => topic.links).find((candidate) => candidate.url === url);
  if (!found) throw new Error(`no sample link ${url}`);
  return found;
}
