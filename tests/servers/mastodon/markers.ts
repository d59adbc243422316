/** Timeline read markers (Marker): one per user and timeline; `version` is the record's optimistic lock counter. */

export const markerTimelines = ['home', 'notifications'] as const;
export type MarkerTimeline = (typeof markerTimelines)[number];

export interface MarkerRecord {
  lastReadId: string;
  version: number;
  updatedAt: Date;
}

export interface MarkerEntity {
  last_read_id: string;
  version: number;
  updated_at: string;
}

export const markerEntity = (marker: MarkerRecord): MarkerEntity => ({ last_read_id: marker.lastReadId, version: marker.version, updated_at: marker.updatedAt.toISOString() });

export function createMarkers() {
  const markers = new Map<string, MarkerRecord>();
  const key = (userId: string, timeline: MarkerTimeline) => `${userId}/${timeline}`;
  return {
    get: (userId: string, timeline: MarkerTimeline): MarkerRecord | undefined => markers.get(key(userId, timeline)),
    /** A new marker starts at version 0; saving the same position again changes nothing, as an unchanged record is not written. */
    set(userId: string, timeline: MarkerTimeline, lastReadId: string): MarkerRecord {
      const existing = markers.get(key(userId, timeline));
      if (existing && existing.lastReadId === lastReadId) return existing;
      const marker = { lastReadId, version: existing ? existing.version + 1 : 0, updatedAt: new Date() };
      markers.set(key(userId, timeline), marker);
      return marker;
    },
  };
}

export type Markers = ReturnType<typeof createMarkers>;
