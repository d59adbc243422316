/**
 * The demo's video: a 4-second clip of drifting colour (VP9 WebM, no sound, made once with
 * ffmpeg's `gradients` source) and its first frame as the poster. Small files beside this one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const here = import.meta.dirname;

export const sampleVideo = {
  width: 320,
  height: 180,
  file: { bytes: readFileSync(join(here, 'sample-video.webm')), contentType: 'video/webm' },
  poster: { bytes: readFileSync(join(here, 'sample-video-poster.jpg')), contentType: 'image/jpeg' },
};
