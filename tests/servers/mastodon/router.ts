import type { Ctx } from './http.ts';

export type Handler = (ctx: Ctx) => void | Promise<void>;

interface Route {
  method: string;
  path: string;
  handler: Handler;
}

/** Method + path pattern; `:name` segments (`/api/v1/statuses/:id`) land in `ctx.params`. */
export function createRouter() {
  const routes: Route[] = [];
  return {
    add(method: string, path: string, handler: Handler): void {
      routes.push({ method, path, handler });
    },
    match(method: string, path: string): { handler: Handler; params: Record<string, string> } | undefined {
      const parts = path.split('/');
      for (const route of routes) {
        if (route.method !== method) continue;
        const pattern = route.path.split('/');
        if (pattern.length !== parts.length) continue;
        const params: Record<string, string> = {};
        const fits = pattern.every((segment, i) => {
          const actual = parts[i] ?? '';
          if (segment.startsWith(':') && actual !== '') {
            params[segment.slice(1)] = decodeURIComponent(actual);
            return true;
          }
          return segment === actual;
        });
        if (fits) return { handler: route.handler, params };
      }
      return undefined;
    },
  };
}

export type Router = ReturnType<typeof createRouter>;
