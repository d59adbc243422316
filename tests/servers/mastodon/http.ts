import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Distribution } from './distribution.ts';
import type { Markers } from './markers.ts';
import type { Notifications } from './notifications.ts';
import type { ResolvedOptions } from './options.ts';
import type { RateLimiter } from './rate-limit.ts';
import type { Scheduled } from './scheduled.ts';
import type { Social } from './social.ts';
import type { State } from './state.ts';
import type { Renderer } from './status-entities.ts';
import type { Uploads } from './uploads.ts';

/** Request parameters as Rails sees them: query and body merged, `key[]` collected into arrays. */
export type Params = Record<string, string | string[]>;

/** A file part of a multipart body, with the type the client declared for it. */
export interface UploadedFile {
  name: string;
  contentType: string;
  bytes: Uint8Array;
}

export interface ServerContext {
  state: State;
  options: ResolvedOptions;
  limiter: RateLimiter;
  baseUrl(): string;
  /** Accounts, follows, statuses, favourites and home feeds. */
  social: Social;
  /** Entities as the API serializes them. */
  renderer: Renderer;
  /** Posting, reblogging, favouriting, removal, with fan-out to feeds and streams. */
  actions: Distribution;
  /** Media uploaded through the API, until a status takes them. */
  uploads: Uploads;
  scheduled: Scheduled;
  /** Local users' notifications. */
  notifications: Notifications;
  /** Read positions in home and notifications. */
  markers: Markers;
}

export interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** `:name` segments of the matched route. */
  params: Record<string, string>;
  input: Params;
  /** File parts of a multipart body, by field name. */
  files: Record<string, UploadedFile>;
  server: ServerContext;
}

export class BadRequestBody extends Error {}

export function str(input: Params, key: string): string | undefined {
  const value = input[key];
  return Array.isArray(value) ? value[0] : value;
}

// ActiveModel::Type::Boolean: these are false, '' is nil, anything else is true.
const falseValues = ['0', 'f', 'F', 'false', 'FALSE', 'off', 'OFF'];
export const truthy = (value: string | undefined): boolean => value !== undefined && value !== '' && !falseValues.includes(value);

export function list(input: Params, key: string): string[] | undefined {
  const value = input[key];
  return value === undefined ? undefined : Array.isArray(value) ? value : [value];
}

function addParam(into: Params, key: string, value: string): void {
  if (key.endsWith('[]')) {
    const base = key.slice(0, -2);
    const existing = into[base];
    into[base] = Array.isArray(existing) ? [...existing, value] : [value];
  } else {
    into[key] = value;
  }
}

function fromSearch(search: URLSearchParams, into: Params): void {
  for (const [key, value] of search) addParam(into, key, value);
}

function fromJson(text: string, into: Params): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new BadRequestBody('invalid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return;
  flatten(parsed as Record<string, unknown>, '', into);
}

/** Nested JSON objects become `outer[inner]` keys, as the same fields sent as a form would be named. */
function flatten(object: Record<string, unknown>, prefix: string, into: Params): void {
  for (const [name, value] of Object.entries(object)) {
    const key = prefix === '' ? name : `${prefix}[${name}]`;
    if (Array.isArray(value)) into[key] = value.map(String);
    else if (value !== null && typeof value === 'object') flatten(value as Record<string, unknown>, key, into);
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') into[key] = String(value);
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Text fields of a multipart body into `into`, its files into `files`. */
async function fromMultipart(body: Buffer, contentType: string, into: Params, files: Record<string, UploadedFile>): Promise<void> {
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body), { headers: { 'Content-Type': contentType } }).formData();
  } catch {
    throw new BadRequestBody('invalid multipart body');
  }
  for (const [key, value] of form) {
    if (typeof value === 'string') addParam(into, key, value);
    else files[key] = { name: value.name, contentType: value.type.split(';')[0]?.trim().toLowerCase() ?? '', bytes: new Uint8Array(await value.arrayBuffer()) };
  }
}

export async function readParams(req: IncomingMessage, url: URL, files: Record<string, UploadedFile> = {}): Promise<Params> {
  const input: Params = {};
  fromSearch(url.searchParams, input);
  if (req.method === 'GET' || req.method === 'HEAD') return input;
  const body = await readBody(req);
  const contentType = req.headers['content-type'] ?? '';
  const type = contentType.split(';')[0]?.trim().toLowerCase();
  const text = body.toString('utf8');
  if (type === 'application/json' && text.trim() !== '') fromJson(text, input);
  else if (type === 'application/x-www-form-urlencoded') fromSearch(new URLSearchParams(text), input);
  else if (type === 'multipart/form-data') await fromMultipart(body, contentType, input, files);
  return input;
}

export function sendJson(ctx: Ctx, status: number, body: unknown, headers: Record<string, string> = {}): void {
  ctx.res.writeHead(status, { ...headers, 'Content-Type': 'application/json; charset=utf-8' });
  ctx.res.end(JSON.stringify(body));
}

export function sendHtml(ctx: Ctx, status: number, html: string, headers: Record<string, string> = {}): void {
  ctx.res.writeHead(status, { ...headers, 'Content-Type': 'text/html; charset=utf-8' });
  ctx.res.end(html);
}

export function redirect(ctx: Ctx, location: string): void {
  ctx.res.writeHead(302, { Location: location, 'Cache-Control': 'no-store' });
  ctx.res.end();
}
