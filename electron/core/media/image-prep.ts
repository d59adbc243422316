/**
 * Images attached to a post, made to fit a network's limits with the best quality that fits:
 * EXIF orientation applied, metadata (GPS, camera, XMP, IPTC) stripped, aspect ratio kept,
 * never enlarged.
 *
 * What prepareImage does, in order:
 * - Animations (GIF, animated WebP) go out untouched when they fit and are refused when they
 *   do not: recompressing an animation is not worth its quality loss. A still GIF that fits
 *   goes out untouched too.
 * - A JPEG, PNG or WebP that fits, needs no rotation and carries no metadata (ICC profiles aside)
 *   goes out untouched: nothing private to strip, no generation loss.
 * - Everything else is decoded once (rotated, sRGB, scaled into maxPixels and maxSide) and
 *   encoded again. A PNG or still GIF that is transparent or needs no scaling tries lossless PNG
 *   first. Otherwise JPEG (WebP for WebP sources, which keeps their transparency), transparency
 *   flattened onto white, at the highest quality from 40 to 92 that fits maxBytes; when even 40
 *   does not fit, the image shrinks (by at least 0.8 a step) until it does, and the call fails
 *   once the long side would drop below 320 px.
 *
 * Speed: a quality's size is first estimated from a sample of the image (evenly spread bands of
 * rows, about 1/16 of it) and only the likely winners are encoded whole, so a 12 MP photo costs
 * one decode and two or three full encodes rather than a dozen.
 */
import sharp, { type Channels, type Metadata, type Sharp } from 'sharp';
import { phrase, ServerError, type CorePhrase } from '../base/errors.ts';

export interface ImageLimits {
  maxBytes: number;
  /** width × height cap, e.g. Mastodon's configuration.media_attachments.image_matrix_limit. */
  maxPixels?: number;
  /** Longest side cap. */
  maxSide?: number;
}

export interface PreparedImage {
  bytes: Uint8Array;
  mimeType: 'image/jpeg' | 'image/png' | 'image/webp' | 'image/gif';
  width: number;
  height: number;
}

/** Decompression bombs stop here: above every phone's default mode and nearly every camera. */
const maxInputPixels = 100_000_000;
/** Re-encoded images are never worked on above this: no network takes more (Mastodon's matrix limit is 33 MP). */
const maxWorkingPixels = 50_000_000;
const minQuality = 40;
const maxQuality = 92;
const minLongSide = 320;
/** Below this many pixels an encode is cheap enough to use as its own estimate. */
const exactBelowPixels = 1_500_000;
const bandRows = 16; // two JPEG MCU rows with 4:2:0
const sampleShare = 16;
const maxFullEncodes = 5;

// failOn 'error', not sharp's stricter 'warning': some cameras write JPEGs with harmless warnings
// (extraneous bytes before a marker); truncated and broken files are refused either way.
const inputOptions = { limitInputPixels: maxInputPixels, failOn: 'error' } as const;

type Format = 'jpeg' | 'png' | 'webp' | 'gif' | 'heif';
type LossyFormat = 'jpeg' | 'webp';
type OutputMimeType = PreparedImage['mimeType'];

interface Header {
  format: Format;
  mimeType: string;
  /** After EXIF orientation. */
  width: number;
  height: number;
  needsRotation: boolean;
  animated: boolean;
  hasMetadata: boolean;
}

interface Size {
  width: number;
  height: number;
}

interface Pixels extends Size {
  data: Buffer;
  channels: Channels;
}

const outputMimeTypes: Record<Exclude<Format, 'heif'>, OutputMimeType> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
};

const limitsPhrase = ({ maxBytes, maxPixels, maxSide }: ImageLimits): CorePhrase =>
  [
    phrase('error.image.limitBytes', { megabytes: maxBytes / 1_000_000 }),
    ...(maxPixels ? [phrase('error.image.limitPixels', { megapixels: maxPixels / 1e6 })] : []),
    ...(maxSide ? [phrase('error.image.limitSide', { side: maxSide })] : []),
  ].reduce((first, second) => phrase('error.list', { first, second }));

const unreadable = (cause: unknown) =>
  new ServerError('invalid_input', phrase('error.image.unreadable'), { cause });

function isSupported(format: string): format is Format {
  return format === 'jpeg' || format === 'png' || format === 'webp' || format === 'gif' || format === 'heif';
}

async function readHeader(bytes: Uint8Array): Promise<Header> {
  let metadata: Metadata;
  try {
    // Headers only, so no pixel limit here: the check below can then say how large the image is.
    metadata = await sharp(bytes, { ...inputOptions, limitInputPixels: false }).metadata();
  } catch (cause) {
    throw unreadable(cause);
  }
  const { format, width, height } = metadata;
  if (!isSupported(format)) {
    throw new ServerError('invalid_input', phrase('error.image.format', { format: format.toUpperCase() }));
  }
  if (width * height > maxInputPixels) {
    throw new ServerError('invalid_input', phrase('error.image.tooManyPixels', { megapixels: Math.round((width * height) / 1e6), limit: maxInputPixels / 1e6 }));
  }
  const mimeType = format === 'heif' ? (metadata.compression === 'av1' ? 'image/avif' : 'image/heic') : outputMimeTypes[format];
  return {
    format,
    mimeType,
    width: metadata.autoOrient.width,
    height: metadata.autoOrient.height,
    needsRotation: (metadata.orientation ?? 1) !== 1,
    animated: (format === 'gif' || format === 'webp') && (metadata.pages ?? 1) > 1,
    hasMetadata: Boolean(metadata.exif ?? metadata.xmp ?? metadata.iptc ?? metadata.tifftagPhotoshop ?? metadata.comments?.length),
  };
}

/** The header can be fine while the pixels are not (a truncated download); a small decode tells. */
async function assertDecodes(bytes: Uint8Array, header: Header): Promise<void> {
  try {
    await sharp(bytes, inputOptions).resize(64, 64, { fit: 'inside' }).raw().toBuffer();
  } catch (cause) {
    if (header.format === 'heif') {
      throw new ServerError('invalid_input', phrase('error.image.heic'), { cause });
    }
    throw unreadable(cause);
  }
}

export async function inspectImage(bytes: Uint8Array): Promise<{ mimeType: string; width: number; height: number }> {
  const header = await readHeader(bytes);
  await assertDecodes(bytes, header);
  return { mimeType: header.mimeType, width: header.width, height: header.height };
}

/** The size that fits the pixel caps, aspect ratio kept, never larger than the original. */
function fitDimensions(size: Size, maxPixels: number, maxSide: number): Size {
  const scale = Math.min(1, maxSide / Math.max(size.width, size.height), Math.sqrt(maxPixels / (size.width * size.height)));
  if (scale >= 1) return size;
  return { width: Math.max(1, Math.floor(size.width * scale)), height: Math.max(1, Math.floor(size.height * scale)) };
}

export async function prepareImage(bytes: Uint8Array, limits: ImageLimits): Promise<PreparedImage> {
  const { maxBytes, maxPixels = Infinity, maxSide = Infinity } = limits;
  if (!(maxBytes > 0) || !(maxPixels > 0) || !(maxSide > 0)) {
    throw new ServerError('internal', `Image limits must be positive: ${JSON.stringify(limits)}.`);
  }
  const header = await readHeader(bytes);
  const fitsAsIs = bytes.length <= maxBytes && header.width * header.height <= maxPixels && Math.max(header.width, header.height) <= maxSide;
  if (header.animated && !fitsAsIs) {
    throw new ServerError('invalid_input', phrase('error.image.animation', { megabytes: bytes.length / 1_000_000, width: header.width, height: header.height, limits: limitsPhrase(limits) }));
  }
  if (header.format !== 'heif' && fitsAsIs && (header.animated || header.format === 'gif' || (!header.needsRotation && !header.hasMetadata))) {
    await assertDecodes(bytes, header);
    return { bytes, mimeType: outputMimeTypes[header.format], width: header.width, height: header.height };
  }

  const target = fitDimensions(header, Math.min(maxPixels, maxWorkingPixels), maxSide);
  const pixels = await decode(bytes, header, target);
  const transparent = isTransparent(pixels);
  const scaled = target.width !== header.width || target.height !== header.height;
  if ((header.format === 'png' || header.format === 'gif') && (transparent || !scaled)) {
    const png = await pngIfItFits(transparent ? pixels : await flatten(pixels), maxBytes);
    if (png) return { bytes: png, mimeType: 'image/png', width: pixels.width, height: pixels.height };
  }
  const format: LossyFormat = header.format === 'webp' ? 'webp' : 'jpeg';
  return fitLossy(format === 'webp' && transparent ? pixels : await flatten(pixels), format, maxBytes);
}

async function decode(bytes: Uint8Array, header: Header, target: Size): Promise<Pixels> {
  try {
    let pipeline = sharp(bytes, inputOptions).autoOrient();
    if (target.width !== header.width || target.height !== header.height) pipeline = pipeline.resize(target.width, target.height, { fit: 'fill' });
    const { data, info } = await pipeline.toColourspace('srgb').raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height, channels: info.channels };
  } catch (cause) {
    await assertDecodes(bytes, header); // the clearer message for HEIC
    throw unreadable(cause);
  }
}

const rawInput = (pixels: Pixels) => sharp(pixels.data, { raw: { width: pixels.width, height: pixels.height, channels: pixels.channels } });

async function toPixels(image: Sharp): Promise<Pixels> {
  const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

function isTransparent(pixels: Pixels): boolean {
  if (pixels.channels !== 2 && pixels.channels !== 4) return false;
  for (let i = pixels.channels - 1; i < pixels.data.length; i += pixels.channels) {
    if (pixels.data[i] !== 255) return true;
  }
  return false;
}

/** Onto white; for opaque pixels this just drops an unused alpha channel. */
async function flatten(pixels: Pixels): Promise<Pixels> {
  if (pixels.channels === 1 || pixels.channels === 3) return pixels;
  return toPixels(rawInput(pixels).flatten({ background: '#ffffff' }));
}

type Encode = (pixels: Pixels, quality: number) => Promise<Buffer>;

const encoders: Record<LossyFormat | 'png', Encode> = {
  jpeg: (pixels, quality) => rawInput(pixels).jpeg({ quality }).toBuffer(),
  webp: (pixels, quality) => rawInput(pixels).webp({ quality }).toBuffer(),
  png: (pixels) => rawInput(pixels).png().toBuffer(),
};

/** Bands of rows spread evenly over the image, about 1/sampleShare of it. */
function sampleOf(pixels: Pixels): Pixels {
  const rowBytes = pixels.width * pixels.channels;
  const bands = Math.max(1, Math.round(pixels.height / bandRows / sampleShare));
  const step = pixels.height / bands;
  const parts: Buffer[] = [];
  for (let band = 0; band < bands; band++) {
    const top = Math.min(Math.floor(band * step), pixels.height - bandRows);
    parts.push(pixels.data.subarray(top * rowBytes, (top + bandRows) * rowBytes));
  }
  return { ...pixels, data: Buffer.concat(parts), height: bands * bandRows };
}

/** Estimated and real encoded sizes per quality, each encode done at most once. */
function sizeModel(pixels: Pixels, encode: Encode) {
  const full = new Map<number, Promise<Buffer>>();
  const encodeFull = (quality: number) => {
    let bytes = full.get(quality);
    if (!bytes) full.set(quality, (bytes = encode(pixels, quality)));
    return bytes;
  };
  if (pixels.width * pixels.height < exactBelowPixels || pixels.height < bandRows * sampleShare) {
    return { encode: encodeFull, estimate: async (quality: number) => (await encodeFull(quality)).length };
  }
  const sample = sampleOf(pixels);
  const sampled = new Map<number, Promise<number>>();
  const estimate = (quality: number) => {
    let bytes = sampled.get(quality);
    if (!bytes) sampled.set(quality, (bytes = encode(sample, quality).then((b) => (b.length * pixels.height) / sample.height)));
    return bytes;
  };
  return { encode: encodeFull, estimate };
}

async function pngIfItFits(pixels: Pixels, maxBytes: number): Promise<Buffer | undefined> {
  const sizes = sizeModel(pixels, encoders.png);
  if ((await sizes.estimate(0)) > maxBytes * 1.2) return undefined; // hopeless: spare the full encode
  const png = await sizes.encode(0);
  return png.length <= maxBytes ? png : undefined;
}

async function fitLossy(pixels: Pixels, format: LossyFormat, maxBytes: number): Promise<PreparedImage> {
  let current = pixels;
  for (;;) {
    const result = await bestQualityThatFits(current, encoders[format], maxBytes);
    if ('bytes' in result) return { bytes: result.bytes, mimeType: outputMimeTypes[format], width: current.width, height: current.height };
    // Aim for the lowest quality to take ~80 % of the budget, so the quality search has room left.
    const factor = Math.min(0.8, Math.sqrt((0.8 * maxBytes) / result.smallestBytes));
    const next = { width: Math.max(1, Math.floor(current.width * factor)), height: Math.max(1, Math.floor(current.height * factor)) };
    if (Math.max(next.width, next.height) < minLongSide) {
      throw new ServerError('invalid_input', phrase('error.image.doesNotFit', { megabytes: maxBytes / 1_000_000, side: minLongSide }));
    }
    // Always from the first decode, so shrinking twice does not blur twice.
    current = await toPixels(rawInput(pixels).resize(next.width, next.height, { fit: 'fill' }));
  }
}

/** The highest quality in [low, high] that passes `fits` (monotone: true, then false), if any. */
async function highestPassing(low: number, high: number, fits: (quality: number) => Promise<boolean>): Promise<number | undefined> {
  if (await fits(high)) return high;
  let passing = low - 1;
  let failing = high;
  while (failing - passing > 1) {
    const middle = Math.floor((passing + failing) / 2);
    if (await fits(middle)) passing = middle;
    else failing = middle;
  }
  return passing >= low ? passing : undefined;
}

/**
 * Searches the estimates, confirms with a full encode, and corrects the estimates by how far the
 * last full encode was off, until no untried quality above the best fitting one looks like fitting.
 */
async function bestQualityThatFits(pixels: Pixels, encode: Encode, maxBytes: number): Promise<{ bytes: Buffer } | { smallestBytes: number }> {
  const sizes = sizeModel(pixels, encode);
  let fitting: { quality: number; bytes: Buffer } | undefined;
  let tooBig = maxQuality + 1; // lowest quality whose full encode did not fit
  let correction = 1;
  for (let round = 0; round < maxFullEncodes; round++) {
    const low = fitting ? fitting.quality + 1 : minQuality;
    if (low >= tooBig) break;
    let quality = await highestPassing(low, tooBig - 1, async (q) => (await sizes.estimate(q)) * correction <= maxBytes);
    if (quality === undefined) {
      if (fitting) break;
      const smallest = (await sizes.estimate(minQuality)) * correction;
      if (smallest > maxBytes * 1.15) return { smallestBytes: smallest };
      quality = minQuality; // close enough that only a full encode can tell
    }
    const bytes = await sizes.encode(quality);
    correction = bytes.length / (await sizes.estimate(quality));
    if (bytes.length <= maxBytes) fitting = { quality, bytes };
    else tooBig = quality;
  }
  if (fitting) return { bytes: fitting.bytes };
  const lowest = await sizes.encode(minQuality);
  return lowest.length <= maxBytes ? { bytes: lowest } : { smallestBytes: lowest.length };
}

/** A small JPEG data: URL for showing a draft's image in the UI. */
export async function thumbnailDataUrl(bytes: Uint8Array, maxSide = 320): Promise<string> {
  const header = await readHeader(bytes);
  let jpeg: Buffer;
  try {
    jpeg = await sharp(bytes, inputOptions)
      .autoOrient()
      .resize(maxSide, maxSide, { fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 80 })
      .toBuffer();
  } catch (cause) {
    await assertDecodes(bytes, header);
    throw unreadable(cause);
  }
  return `data:image/jpeg;base64,${jpeg.toString('base64')}`;
}
