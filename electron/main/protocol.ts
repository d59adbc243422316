import { readFile } from 'node:fs/promises';
import type { CustomScheme } from 'electron';
import { securityHeaders } from '../core/base/security.ts';
import { resolveStaticFile } from '../core/static-files.ts';

/** The renderer is served from app://braid/, never file://: a real origin the IPC guard can check. */
export const appScheme = 'app';
export const appHost = 'braid';
export const appEntryUrl = `${appScheme}://${appHost}/index.html`;

export const privilegedSchemes: CustomScheme[] = [
  // codeCache: V8 keeps the code it compiled from the renderer's scripts, as it does for https
  // (the browser host's hashed assets), so a window opened again skips compiling them.
  { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true } },
];

/** The app:// handler: built renderer files with the CSP and security headers, nothing else. */
export function appProtocolHandler(rendererDir: string) {
  return async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const file = url.host === appHost ? resolveStaticFile(rendererDir, url.pathname) : null;
    if (!file) return new Response('Not found', { status: 404, headers: securityHeaders });
    try {
      const body = await readFile(file.path);
      return new Response(body, { headers: { ...securityHeaders, 'Content-Type': file.contentType } });
    } catch {
      return new Response('Not found', { status: 404, headers: securityHeaders });
    }
  };
}

/** True for the top frame of a page served from our own app:// origin. */
export function isAppUrl(candidate: string): boolean {
  try {
    const url = new URL(candidate);
    return url.protocol === `${appScheme}:` && url.host === appHost;
  } catch {
    return false;
  }
}
