/**
 * Archives that were begun stay current by themselves: a sync a little after Braid starts (not
 * during its first paint), then every few hours, adding what was posted elsewhere. A first
 * import of a whole history is the user's choice (the archive page, `braid archive sync`).
 */
import type { ArchiveService } from './archive-service.ts';

export interface ArchiveScheduleOptions {
  firstAfterMs?: number;
  everyMs?: number;
}

export function startArchiveSchedule(archive: Pick<ArchiveService, 'begun' | 'sync'>, options: ArchiveScheduleOptions = {}) {
  const { firstAfterMs = 60_000, everyMs = 6 * 60 * 60_000 } = options;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const next = (ms: number) => {
    if (closed) return;
    timer = setTimeout(() => {
      const begun = archive.begun();
      const done = begun.length > 0 ? archive.sync({ accounts: begun }) : Promise.resolve();
      void done.finally(() => next(everyMs));
    }, ms);
    timer.unref?.();
  };
  next(firstAfterMs);
  return {
    close() {
      closed = true;
      clearTimeout(timer);
    },
  };
}
