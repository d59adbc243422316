/**
 * `npm run bench`: measures and writes bench/results.json (figures are reported, not asserted).
 * B7 bundle: the JavaScript the renderer needs for first paint, gzipped, and proof that no
 * network library reached the renderer bundle. B1-B5 scrolling, heap and new posts on the real
 * renderer; B6 first paint from the cache on the real browser host; B8 requests per refresh; B5
 * fan-out: a post to four accounts against the slowest of them alone; conversations and the
 * picture viewer (bench/conversation.ts); the inbox (bench/inbox.ts); the archive: import, search,
 * size and export (bench/archive.ts); people: find-people over 2,000 follows and a cached profile
 * painted (bench/people.ts).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { measureArchive } from './archive.ts';
import { measureBridgeTimeline } from './bridge-timeline.ts';
import { measureConversation } from './conversation.ts';
import { measureFanout } from './fanout.ts';
import { measureFirstPaint } from './first-paint.ts';
import { measureInbox } from './inbox.ts';
import { measurePeople } from './people.ts';
import { networkModulesIn, type ChunkReport } from './renderer-bundle.ts';
import { measureRequestsPerRefresh } from './requests-per-refresh.ts';
import { measureTimelineScroll } from './timeline-scroll.ts';

const root = join(import.meta.dirname, '..');
const rendererDir = join(root, 'dist', 'renderer');
const resultsFile = join(import.meta.dirname, 'results.json');

/** Scripts the page loads before it can paint: entry scripts and their modulepreloads. */
function firstPaintScripts(html: string): string[] {
  const sources = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g), ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)];
  return sources.map((match) => match[1]!).filter((src) => src.startsWith('/'));
}

const html = readFileSync(join(rendererDir, 'index.html'), 'utf8');
const scripts = firstPaintScripts(html);
const gzBytes = scripts.reduce((total, src) => total + gzipSync(readFileSync(join(rendererDir, src))).length, 0);
const chunks = JSON.parse(readFileSync(join(root, 'dist', 'renderer-modules.json'), 'utf8')) as ChunkReport[];
const networkModules = networkModulesIn(chunks);

const previous = existsSync(resultsFile) ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as Record<string, unknown>) : {};
const results = {
  ...previous,
  measured_at: new Date().toISOString(),
  first_paint_js_gz_kb: Math.round((gzBytes / 1024) * 10) / 10,
  first_paint_js_files: scripts.length,
  renderer_network_lib_modules: networkModules.length,
  ...(await measureTimelineScroll()),
  ...(await measureFirstPaint()),
  ...(await measureRequestsPerRefresh()),
  ...(await measureFanout()),
  ...(await measureBridgeTimeline()),
  ...(await measureConversation()),
  ...(await measureInbox()),
  ...(await measureArchive((line) => console.log(line))),
  ...(await measurePeople((line) => console.log(line))),
};
writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);

console.log(`B7 first-paint JS, gzipped: ${results.first_paint_js_gz_kb} KB in ${scripts.length} file(s) (goal <= 200 KB)`);
console.log(`B7 masto / @atproto modules in the renderer bundle: ${networkModules.length} (goal 0)`);
for (const id of networkModules) console.log(`  ${id}`);
console.log(`B1 scroll_ok_frames_pct ${results.scroll_ok_frames_pct} (goal >= 99), scroll_long_frames ${results.scroll_long_frames} (goal 0)`);
console.log(`B2 scroll_max_dom_nodes ${results.scroll_max_dom_nodes} (goal <= 2000); B3 heap_mb_5000 ${results.heap_mb_5000} (goal <= 40)`);
console.log(`B4 prepend_shift_px ${results.prepend_shift_px} (goal <= 1); B5 prepend_update_ms ${results.prepend_update_ms} (goal <= 16)`);
console.log(`B6 first_paint_ms ${results.first_paint_ms} (goal <= 300); B8 requests_per_refresh ${results.requests_per_refresh} (goal 1)`);
console.log(`B5 fanout_overhead_ms ${results.fanout_overhead_ms} (goal <= 50): 4 targets in ${results.fanout_total_ms} ms, slowest alone ${results.fanout_slowest_single_ms} ms`);
console.log(`Bridge (browser host + core + servers): ${results.bridge_bytes_per_post_5000} bytes per post over the socket to 5,000 (goal <= 3 x ${results.bridge_avg_post_json_bytes}), heap ${results.bridge_heap_mb_5000} MB (goal <= 40), scrolling at 6,000 px/s ${results.bridge_scroll_ok_frames_pct_6000}% frames <= 16.7 ms with ${results.bridge_scroll_long_frames_6000} over 50 ms (goal >= 99, 0); refresh with 20,000 cached ${results.refresh_ms_20000_cached} ms (goal <= 150)`);
console.log(`Conversations: 500 replies painted in ${results.thread_500_paint_ms} ms (goal <= 100), scrolled ${results.thread_500_scroll_ok_frames_pct}% frames <= 16.7 ms with ${results.thread_500_scroll_long_frames} over 50 ms (goal >= 99), ${results.thread_open_requests} request(s) per copy (goal 1); viewer ${results.viewer_open_ms} ms to a cached picture (goal <= 50)`);
console.log(`Inbox: 5,000 entries scrolled ${results.inbox_5000_scroll_ok_frames_pct}% frames <= 16.7 ms with ${results.inbox_5000_scroll_long_frames} over 50 ms (goal >= 99), heap ${results.inbox_heap_mb_5000} MB (goal <= 40), cached inbox painted in ${results.inbox_first_paint_ms} ms (goal <= 300), ${results.inbox_requests_per_refresh} request(s) per account per refresh (goal 1; while something is unread, Mastodon ${results.inbox_requests_per_refresh_mastodon_unread}: the marker too, Bluesky ${results.inbox_requests_per_refresh_bluesky_unread})`);
console.log(
  `Archive: import ${results.archive_import_posts_per_s_mastodon} posts/s from Mastodon (50,000 at 50 ms a page: ${results.archive_import_mastodon_server_bound_pct}% of the time is the server's wait; ${results.archive_import_cpu_ms_per_1000_mastodon} ms CPU per 1,000), ${results.archive_import_posts_per_s_bluesky} posts/s from a Bluesky CAR (${results.archive_import_cpu_ms_per_1000_bluesky} ms CPU per 1,000); search over 100,000 posts p95 ${results.archive_search_p95_ms} ms (goal <= 20), p50 ${results.archive_search_p50_ms} ms; ${results.archive_db_mb_per_10k_posts} MB per 10,000 posts; export of 100,000 in ${results.archive_export_s_100k} s (goal <= 30)`,
);
console.log(
  `People: the 2,000 a Mastodon account follows found on Bluesky in ${results.find_people_2000_s} s at concurrency ${results.find_people_concurrency} (goal <= 60; ${results.find_people_min_concurrency_60s} would do), at most ${results.find_people_requests_per_5min_max} requests in 5 minutes to one server (limit ${results.find_people_requests_per_5min_limit}; Mastodon ${results.find_people_requests_per_5min_mastodon}, Bluesky ${results.find_people_requests_per_5min_bluesky}); a cached profile painted in ${results.profile_paint_ms} ms (goal <= 100)`,
);
console.log(`written to ${resultsFile}`);
