/**
 * The export's check: the export read back as a stranger would read it. posts.jsonl against
 * manifest.json and the month pages, every file of media/ against the SHA-256 posts.jsonl gives
 * it; what it finds is written to check.json.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportFormat, mediaName, monthKey, type ExportCheck, type ExportedPost, type ExportManifest, type ExportProgress } from './export-format.ts';

const maxProblems = 100;

/** posts.jsonl line by line, without holding the file. */
async function* linesOf(path: string): AsyncGenerator<string> {
  let rest = '';
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1024 * 1024 })) {
    const text = rest + (chunk as string);
    let start = 0;
    for (let end = text.indexOf('\n', start); end !== -1; end = text.indexOf('\n', start)) {
      yield text.slice(start, end);
      start = end + 1;
    }
    rest = text.slice(start);
  }
  if (rest) yield rest;
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

const isString = (value: unknown): value is string => typeof value === 'string';

/** Reads an export back: posts.jsonl against manifest.json and the month pages, every file of
 *  media/ against the SHA-256 that posts.jsonl gives it. Writes check.json, and answers it. */
export async function checkExport(dir: string, options: { signal?: AbortSignal; onProgress?: (progress: ExportProgress) => void } = {}): Promise<ExportCheck> {
  const problems: string[] = [];
  let dropped = 0;
  const problem = (text: string) => {
    if (problems.length < maxProblems) problems.push(text);
    else dropped += 1;
  };

  let manifest: ExportManifest | null = null;
  try {
    const read = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { format?: unknown };
    if (read.format === exportFormat) manifest = read as ExportManifest;
    else problem(`manifest.json: not a ${exportFormat} (format ${JSON.stringify(read.format)})`);
  } catch (error) {
    problem(`manifest.json: cannot be read (${error instanceof Error ? error.message : String(error)})`);
  }

  let posts = 0;
  const expected = new Map<string, string>();
  const perMonth = new Map<string, number>();
  if (existsSync(join(dir, 'posts.jsonl'))) {
    for await (const text of linesOf(join(dir, 'posts.jsonl'))) {
      posts += 1;
      let line: Partial<ExportedPost>;
      try {
        line = JSON.parse(text) as Partial<ExportedPost>;
      } catch {
        problem(`posts.jsonl line ${posts}: not JSON`);
        continue;
      }
      if (!isString(line.id) || !isString(line.account) || !isString(line.network) || !isString(line.createdAt) || !Array.isArray(line.media) || !line.content) {
        problem(`posts.jsonl line ${posts}: a required field is missing`);
        continue;
      }
      const key = monthKey.test(line.createdAt.slice(0, 7)) ? line.createdAt.slice(0, 7) : 'undated';
      perMonth.set(key, (perMonth.get(key) ?? 0) + 1);
      for (const item of line.media) {
        if (!item.file) continue;
        const name = item.file.startsWith('media/') ? item.file.slice('media/'.length) : '';
        if (!mediaName.test(name) || !isString(item.sha256)) {
          problem(`posts.jsonl line ${posts}: media file ${item.file} is not named by its SHA-256`);
          continue;
        }
        const known = expected.get(name);
        if (known !== undefined && known !== item.sha256) problem(`posts.jsonl line ${posts}: media/${name} given two different SHA-256`);
        expected.set(name, item.sha256);
      }
      if (posts % 10_000 === 0) options.signal?.throwIfAborted();
    }
  } else {
    problem('posts.jsonl is missing');
  }

  if (manifest) {
    if (manifest.posts !== posts) problem(`posts.jsonl has ${posts} posts, the export wrote ${manifest.posts}`);
    for (const month of manifest.months ?? []) {
      const lines = perMonth.get(month.month) ?? 0;
      if (lines !== month.posts) problem(`${month.month}: posts.jsonl has ${lines} posts, the export wrote ${month.posts}`);
      const pagePath = join(dir, `${month.month}.html`);
      if (!existsSync(pagePath)) {
        problem(`${month.month}.html is missing`);
        continue;
      }
      // Text is escaped, so "<article" in a page is one of ours.
      const articles = readFileSync(pagePath, 'utf8').split('<article ').length - 1;
      if (articles !== month.posts) problem(`${month.month}.html shows ${articles} posts of ${month.posts}`);
      perMonth.delete(month.month);
    }
    for (const [month, count] of perMonth) problem(`${month}: ${count} posts in posts.jsonl that no month page shows`);
  }
  if (!existsSync(join(dir, 'index.html'))) problem('index.html is missing');

  let mediaChecked = 0;
  const mediaDir = join(dir, 'media');
  const present = existsSync(mediaDir) ? readdirSync(mediaDir) : [];
  for (const name of present) {
    options.signal?.throwIfAborted();
    const sha256 = expected.get(name);
    if (sha256 === undefined) {
      problem(`media/${name}: no post refers to it`);
      continue;
    }
    const actual = await sha256Of(join(mediaDir, name));
    mediaChecked += 1;
    if (actual !== sha256) problem(`media/${name}: its SHA-256 is ${actual}, posts.jsonl says ${sha256}`);
    expected.delete(name);
    options.onProgress?.({ phase: 'check', done: mediaChecked, total: present.length });
  }
  for (const name of expected.keys()) problem(`media/${name} is missing`);
  if (dropped > 0) problems.push(`… and ${dropped} more problems`);

  const check: ExportCheck = { ok: problems.length === 0, posts, mediaChecked, problems };
  writeFileSync(join(dir, 'check.json'), `${JSON.stringify({ ...check, checkedAt: new Date().toISOString() }, null, 2)}\n`);
  return check;
}
