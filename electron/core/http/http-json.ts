/**
 * Every request the core makes to a server for JSON: a timeout always, and every way a server
 * can fail turned into a ServerError the UI can show (unreachable, timeout, HTML error page,
 * invalid JSON, an answer of the wrong shape, an HTTP error with the server's own message).
 */
import { z } from 'zod';
import type { ErrorCode } from '../../../shared/contract.ts';
import { phrase, ServerError, selectNone, type CorePhrase, type What } from '../base/errors.ts';

export interface JsonRequest {
  url: string | URL;
  method?: 'GET' | 'POST' | 'DELETE';
  /** Sent as application/x-www-form-urlencoded. */
  form?: Record<string, string>;
  json?: unknown;
  bearer?: string;
  timeoutMs?: number;
  /** Stops waiting for the answer (a pause): the request fails with the signal's reason. */
  signal?: AbortSignal;
}

export interface JsonResponse {
  status: number;
  headers: Headers;
  /** The parsed body, or undefined when it was not JSON. */
  body: unknown;
  isHtml: boolean;
}

const defaultTimeoutMs = 15_000;
const serverErrorBody = z.looseObject({ error: z.string(), error_description: z.string().optional() });

const hostOf = (url: string | URL) => new URL(url).host;

/** Sends one request; throws ServerError('network') when no answer came. */
export async function sendJson(request: JsonRequest): Promise<JsonResponse> {
  const headers = new Headers({ Accept: 'application/json' });
  if (request.bearer) headers.set('Authorization', `Bearer ${request.bearer}`);
  let body: string | undefined;
  if (request.form) {
    headers.set('Content-Type', 'application/x-www-form-urlencoded');
    body = new URLSearchParams(request.form).toString();
  } else if (request.json !== undefined) {
    headers.set('Content-Type', 'application/json');
    body = JSON.stringify(request.json);
  }
  const timeoutMs = request.timeoutMs ?? defaultTimeoutMs;
  let response: Response;
  let text: string;
  try {
    response = await fetch(request.url, {
      method: request.method ?? (body === undefined ? 'GET' : 'POST'),
      headers,
      body,
      redirect: 'error',
      signal: request.signal ? AbortSignal.any([request.signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs),
    });
    text = await response.text(); // the body can fail or time out too
  } catch (error) {
    if (error instanceof ServerError) throw error; // an answer too large to read
    if (request.signal?.aborted) throw request.signal.reason;
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    const host = hostOf(request.url);
    throw new ServerError('network', timedOut ? phrase('error.noAnswerWithin', { host, seconds: Math.round(timeoutMs / 1000), tried: selectNone }) : unreachable(host, error), { cause: error });
  }
  const contentType = response.headers.get('content-type') ?? '';
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  const errorPage = z.object({ braid_error_page: z.literal(true) }).safeParse(parsed).success; // see answer-cap.ts
  return { status: response.status, headers: response.headers, body: errorPage ? undefined : parsed, isHtml: errorPage || contentType.includes('html') || /^\s*</.test(text) };
}

/** "Could not reach host", with why where the failure says. */
function unreachable(host: string, error: unknown): CorePhrase {
  const cause = (error as { cause?: { code?: string } }).cause;
  switch (cause?.code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return phrase('error.unreachable.noSuchServer', { host, tried: selectNone });
    case 'ECONNREFUSED':
      return phrase('error.unreachable.refused', { host, tried: selectNone });
    case 'CERT_HAS_EXPIRED':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
      return phrase('error.unreachable.certificate', { host, tried: selectNone });
    default:
      return phrase('error.unreachable', { host, tried: selectNone });
  }
}

/** The ServerError for a non-2xx answer, using the server's own message where it gave one. */
export function errorFor(response: JsonResponse, url: string | URL, what: What): ServerError {
  const host = hostOf(url);
  const status = response.status;
  const detail = serverErrorBody.safeParse(response.body);
  const serverCode = detail.success ? detail.data.error : undefined;
  const said = detail.success ? (detail.data.error_description ?? detail.data.error) : undefined;
  const code: ErrorCode =
    status === 401 ? 'auth_expired'
    : status === 429 ? 'rate_limited'
    : status === 404 || status === 501 ? 'not_supported'
    : status >= 400 && status < 500 ? 'invalid_input'
    : 'server';
  const message =
    !detail.success && response.isHtml ? phrase('error.errorPageStatus', { host, what, status })
    : said !== undefined ? phrase('error.refusedHttpSaid', { host, what, status, said })
    : phrase('error.refusedHttp', { host, what, status });
  return new ServerError(code, message, { status, ...(serverCode ? { serverCode } : {}) });
}

/** Sends a request and returns its body parsed with `schema`, or throws a ServerError. */
export async function requestJson<T extends z.ZodType>(request: JsonRequest, schema: T, what: What): Promise<z.output<T>> {
  const response = await sendJson(request);
  if (response.status < 200 || response.status >= 300) throw errorFor(response, request.url, what);
  return parseAnswer(response, schema, request.url, what);
}

export function parseAnswer<T extends z.ZodType>(response: JsonResponse, schema: T, url: string | URL, what: What): z.output<T> {
  const host = hostOf(url);
  if (response.body === undefined) {
    throw new ServerError(
      'server',
      response.isHtml ? phrase('error.webPage', { host, what }) : phrase('error.notJson', { host, what }),
      { status: response.status },
    );
  }
  const parsed = schema.safeParse(response.body);
  if (!parsed.success) {
    throw new ServerError('server', phrase('error.badShapeWhy', { host, what, problem: z.prettifyError(parsed.error).split('\n')[0] ?? '' }), { status: response.status });
  }
  return parsed.data;
}
