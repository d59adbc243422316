/**
 * The real renderer (dist/renderer) in Debian Chromium with a stand-in bridge that answers from a
 * prepared view: for benchmarks and screenshots that need thousands of posts without servers.
 * `window.__braidEmit(event, payload)` pushes core events; `window.__braidSetView(view)` changes
 * what timeline.view answers. With an inbox, the inbox channels answer it (marked read on markRead).
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { InboxView, TimelineView } from '../shared/contract.ts';
import type { AccountSummary } from '../shared/domain/account.ts';
import type { Conversation } from '../shared/domain/conversation.ts';
import { chromiumArgs, chromiumPath } from '../playwright.config.ts';

const rendererDir = join(import.meta.dirname, '..', 'dist', 'renderer');
const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png' };

/** A grey 1x1 PNG, for sample images. */
const samplePng = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNsaGioBwAEgQGBWcA2ZQAAAABJRU5ErkJggg==', 'base64');

export interface RendererPage {
  page: Page;
  origin: string;
  close: () => Promise<void>;
}

export const sampleImagePath = '/sample.png';

export async function openRendererPage(input: {
  view: TimelineView;
  accounts: AccountSummary[];
  /** What conversation.open answers, whatever is asked. */
  conversation?: Conversation;
  /** What the inbox channels answer. */
  inbox?: InboxView;
  /** The address to open (after `#`), e.g. /inbox. */
  path?: string;
  /** Pictures at this server's own origin load as the demo's do (app.info names it): the sample image then shows. */
  servePictures?: boolean;
  theme?: 'light' | 'dark';
  viewport?: { width: number; height: number };
  extraArgs?: string[];
}): Promise<RendererPage> {
  const server = await serveRenderer();
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser: Browser = await chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs, ...(input.extraArgs ?? [])] });
  const page = await browser.newPage({ viewport: input.viewport ?? { width: 1100, height: 900 }, colorScheme: input.theme ?? 'light' });
  // With servePictures, the view's relative picture paths become addresses on this server, which app.info allows.
  const absolute = <T>(value: T): T => (input.servePictures ? (JSON.parse(JSON.stringify(value).replaceAll(`"${sampleImagePath}"`, `"${origin}${sampleImagePath}"`)) as T) : value);
  await page.addInitScript(installFakeBridge, {
    view: absolute(input.view),
    accounts: input.accounts,
    theme: input.theme ?? 'light',
    conversation: absolute(input.conversation ?? null),
    inbox: absolute(input.inbox ?? null),
    imageOrigins: input.servePictures ? [origin] : [],
  });
  await page.goto(`${origin}/index.html${input.path ? `#${input.path}` : ''}`);
  return {
    page,
    origin,
    close: async () => {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function serveRenderer(): Promise<Server> {
  const server = createServer((request, response) => void answer(request.url, response));
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function answer(url: string | undefined, response: ServerResponse): Promise<void> {
  const path = new URL(url ?? '/', 'http://x').pathname;
  if (path === sampleImagePath) {
    response.writeHead(200, { 'content-type': 'image/png' }).end(samplePng);
    return;
  }
  const file = normalize(join(rendererDir, path === '/' ? 'index.html' : path));
  if (!file.startsWith(rendererDir)) return void response.writeHead(403).end();
  try {
    const body = await readFile(file);
    response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(body);
  } catch {
    response.writeHead(404).end();
  }
}

/** Runs in the page before the renderer: a window.braid that answers from memory. */
function installFakeBridge(input: { view: TimelineView; accounts: AccountSummary[]; theme: string; conversation: Conversation | null; inbox: InboxView | null; imageOrigins: string[] }) {
  const { view, accounts, theme, conversation, imageOrigins } = input;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let current = view;
  let inbox = input.inbox;
  const answers: Record<string, () => unknown> = {
    'app.info': () => ({ name: 'Braid', version: '0.0.0', host: 'browser', platform: 'linux', imageOrigins, desktopAlerts: 'web' }),
    'theme.get': () => theme,
    'accounts.list': () => accounts,
    'accounts.check': () => accounts,
    'timeline.view': () => current,
    // Nothing changes unless the bench says so (__braidSetView, then a timeline.changed).
    'timeline.refresh': () => ({ from: current.version, to: current.version, changes: [], accounts: current.accounts, gaps: current.gaps, hasMore: current.hasMore }),
    'timeline.loadMore': () => ({ from: current.version, to: current.version, changes: [], accounts: current.accounts, gaps: current.gaps, hasMore: current.hasMore }),
    'timeline.position.get': () => null,
    'conversation.open': () => conversation,
    'inbox.view': () => inbox,
    'inbox.refresh': () => inbox && { from: inbox.version, to: inbox.version, changes: [], accounts: inbox.accounts, unread: inbox.unread },
    'inbox.loadMore': () => inbox && { from: inbox.version, to: inbox.version, changes: [], accounts: inbox.accounts, unread: inbox.unread },
    'inbox.markRead': () => {
      if (!inbox) return null;
      const from = inbox.version;
      const read = (entry: InboxView['entries'][number]) => (entry.unread ? { ...entry, unread: false } : entry);
      inbox = { ...inbox, version: from + 1, unread: 0, entries: inbox.entries.map(read), accounts: inbox.accounts.map((a) => ({ ...a, unread: 0 })) };
      return { from, to: from + 1, changes: [{ op: 'update', items: inbox.entries }], accounts: inbox.accounts, unread: 0 };
    },
    'inbox.alerts.get': () => ({ mention: true, reply: true, quote: true, follow: true }),
  };
  const w = globalThis as unknown as Record<string, unknown>;
  w.__braidSetView = (next: TimelineView) => (current = next);
  w.__braidEmit = (event: string, payload: unknown) => listeners.get(event)?.forEach((listener) => listener(payload));
  w.braid = {
    invoke: async (channel: string) => ({ ok: true, value: answers[channel] ? answers[channel]() : null }),
    on: (event: string, listener: (payload: unknown) => void) => {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
      return () => listeners.get(event)?.delete(listener);
    },
  };
}
