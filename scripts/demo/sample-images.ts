/**
 * Small PNG pictures for the demo's posts, made in code: two colour bands (so that a picture
 * shows its shape and orientation), encoded with node:zlib. No files to ship, no image library.
 */
import { crc32, deflateSync } from 'node:zlib';

export interface SampleImage {
  /** What the picture is meant to be, for alt text and file names. */
  name: string;
  bytes: Uint8Array;
  width: number;
  height: number;
  contentType: 'image/png';
}

type Rgb = readonly [number, number, number];

function chunk(type: string, data: Uint8Array): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An 8-bit RGB PNG: `top` above, `bottom` below the horizon line at `horizon` (0..1). */
export function bandedPng(width: number, height: number, top: Rgb, bottom: Rgb, horizon = 0.6): Uint8Array {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  // compression, filter and interlace stay 0
  const rowBytes = 1 + width * 3; // each row starts with its filter type (0: none)
  const pixels = Buffer.alloc(rowBytes * height);
  const split = Math.round(height * horizon);
  for (let y = 0; y < height; y++) {
    const [r, g, b] = y < split ? top : bottom;
    for (let x = 0; x < width; x++) {
      const at = y * rowBytes + 1 + x * 3;
      pixels[at] = r;
      pixels[at + 1] = g;
      pixels[at + 2] = b;
    }
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(pixels)), chunk('IEND', new Uint8Array(0))]);
}

function sample(name: string, width: number, height: number, top: Rgb, bottom: Rgb, horizon?: number): SampleImage {
  return { name, bytes: bandedPng(width, height, top, bottom, horizon), width, height, contentType: 'image/png' };
}

/** The pictures the sample people post, by what they show. */
export const sampleImages = {
  sunset: sample('sunset', 640, 400, [245, 140, 60], [40, 50, 90]),
  sea: sample('sea', 640, 360, [150, 200, 240], [20, 90, 150], 0.45),
  forest: sample('forest', 400, 600, [190, 220, 190], [30, 90, 40], 0.3),
  snow: sample('snow', 600, 600, [200, 210, 225], [245, 245, 250], 0.5),
  bread: sample('bread', 480, 480, [120, 80, 40], [230, 200, 150], 0.25),
  cat: sample('cat', 500, 375, [90, 90, 100], [210, 160, 90], 0.55),
} as const;

export type SampleImageName = keyof typeof sampleImages;
