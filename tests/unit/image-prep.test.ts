import { randomBytes } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { inspectImage, prepareImage, thumbnailDataUrl, type PreparedImage } from '../../electron/core/media/image-prep.ts';
import { ServerError } from '../../electron/core/base/errors.ts';

// Random pixels compress about as badly as anything can: the hardest case for the byte budget.
const noisyJpeg = (width: number, height: number) =>
  sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } }).jpeg({ quality: 90 }).toBuffer();

// Blurred noise: detail at every scale like a photo, compressing like one (~3.8 MB at 12 MP, quality 95).
const photoLikeJpeg = (width: number, height: number) =>
  sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } }).blur(2).jpeg({ quality: 95 }).toBuffer();

/** Left half red, right half blue. */
const halves = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#ff0000' } }).composite([
    { input: { create: { width: width / 2, height, channels: 3, background: '#0000ff' } }, left: width / 2, top: 0 },
  ]);

async function pixelAt(bytes: Uint8Array, x: number, y: number) {
  const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return { r: data[at], g: data[at + 1], b: data[at + 2], a: info.channels === 4 ? data[at + 3] : 255 };
}

/** The output's real size and metadata, read back from its bytes rather than from what prepareImage claims. */
async function readBack(image: PreparedImage) {
  const metadata = await sharp(image.bytes).metadata();
  expect(metadata.width).toBe(image.width);
  expect(metadata.height).toBe(image.height);
  expect(`image/${metadata.format}`).toBe(image.mimeType);
  return metadata;
}

const aspect = (size: { width: number; height: number }) => size.width / size.height;
const expectSameAspect = (a: { width: number; height: number }, b: { width: number; height: number }) =>
  expect(Math.abs(aspect(a) / aspect(b) - 1)).toBeLessThan(0.01);

/** A valid PNG header claiming a huge image, with almost no pixel data behind it. */
function pngClaiming(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.alloc(1000))), chunk('IEND', Buffer.alloc(0))]);
}

async function expectInvalidInput(promise: Promise<unknown>, message: RegExp) {
  const error: unknown = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ServerError);
  expect((error as ServerError).code).toBe('invalid_input');
  expect((error as ServerError).message).toMatch(message);
}

describe('prepareImage: the byte budget', () => {
  let noisy12mp: Buffer;
  beforeAll(async () => {
    noisy12mp = await noisyJpeg(4000, 3000);
  });

  it('fits a 12 MP photo into 2,000,000 bytes at full size, near the budget, in well under 3 s', async () => {
    const photo = await photoLikeJpeg(4000, 3000);
    expect(photo.length).toBeGreaterThan(2_000_000);
    const out = await prepareImage(photo, { maxBytes: 2_000_000 });
    expect(out.bytes.length).toBeLessThanOrEqual(2_000_000);
    // Only the quality had to give: all pixels kept, and the budget used.
    expect(out).toMatchObject({ mimeType: 'image/jpeg', width: 4000, height: 3000 });
    expect(out.bytes.length).toBeGreaterThan(0.85 * 2_000_000);
    await readBack(out);
  });

  it('shrinks an image that does not fit even at the lowest quality, and then uses the budget', async () => {
    expect(noisy12mp.length).toBeGreaterThan(5_000_000);
    const out = await prepareImage(noisy12mp, { maxBytes: 2_000_000 });
    expect(out.bytes.length).toBeLessThanOrEqual(2_000_000);
    expect(out.bytes.length).toBeGreaterThan(0.7 * 2_000_000);
    expect(out.width).toBeLessThan(4000);
    expect(out.width).toBeGreaterThanOrEqual(320);
    expectSameAspect(out, { width: 4000, height: 3000 });
    await readBack(out);
  });

  it('finds the best quality under a tight budget on a small image too', async () => {
    const out = await prepareImage(await noisyJpeg(1200, 900), { maxBytes: 300_000 });
    expect(out.bytes.length).toBeLessThanOrEqual(300_000);
    expect(out.bytes.length).toBeGreaterThan(0.7 * 300_000);
    expectSameAspect(out, { width: 1200, height: 900 });
  });

  it('refuses, clearly, an image that fits nowhere near a sensible size', async () => {
    await expectInvalidInput(prepareImage(await noisyJpeg(800, 600), { maxBytes: 2_000 }), /does not fit in .* even when shrunk to 320 px/);
  });
});

describe('prepareImage: pixel limits', () => {
  let smooth: Buffer;
  beforeAll(async () => {
    smooth = await halves(4000, 3000).jpeg().toBuffer();
  });

  it('scales down to the longest side allowed, aspect ratio kept', async () => {
    const out = await prepareImage(smooth, { maxBytes: 5_000_000, maxSide: 1000 });
    expect(out).toMatchObject({ width: 1000, height: 750, mimeType: 'image/jpeg' });
    await readBack(out);
  });

  it("scales down to a Mastodon server's image_matrix_limit", async () => {
    const out = await prepareImage(smooth, { maxBytes: 5_000_000, maxPixels: 1_000_000 });
    expect(out.width * out.height).toBeLessThanOrEqual(1_000_000);
    expect(out.width * out.height).toBeGreaterThan(0.99 * 1_000_000);
    expectSameAspect(out, { width: 4000, height: 3000 });
  });

  it('never scales up', async () => {
    const tiny = await halves(40, 30).png().toBuffer();
    const out = await prepareImage(tiny, { maxBytes: 10_000_000, maxPixels: 33_177_600, maxSide: 4096 });
    expect(out).toMatchObject({ width: 40, height: 30 });
  });
});

describe('prepareImage: orientation and metadata', () => {
  it('applies the EXIF orientation (the reported size is after rotation) and strips the EXIF', async () => {
    const rotated = await halves(400, 300).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    expect((await sharp(rotated).metadata()).orientation).toBe(6);
    const out = await prepareImage(rotated, { maxBytes: 1_000_000 });
    expect(out).toMatchObject({ width: 300, height: 400 });
    const metadata = await readBack(out);
    expect(metadata.exif).toBeUndefined();
    expect(metadata.orientation).toBeUndefined();
    // Orientation 6 means "turn 90° clockwise to show": the red left half ends up on top.
    const top = await pixelAt(out.bytes, 150, 20);
    const bottom = await pixelAt(out.bytes, 150, 380);
    expect(top.r).toBeGreaterThan(200);
    expect(top.b).toBeLessThan(60);
    expect(bottom.r).toBeLessThan(60);
    expect(bottom.b).toBeGreaterThan(200);
  });

  it('strips GPS and other EXIF from an image that already fits, keeping its size and format', async () => {
    const located = await halves(600, 400)
      .withExif({ IFD0: { Make: 'Phone', Copyright: 'someone' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 31/1 0/1' } })
      .jpeg({ quality: 85 })
      .toBuffer();
    expect((await sharp(located).metadata()).exif).toBeDefined();
    const out = await prepareImage(located, { maxBytes: 1_000_000 });
    expect(out).toMatchObject({ width: 600, height: 400, mimeType: 'image/jpeg' });
    expect((await readBack(out)).exif).toBeUndefined();
    expect(Buffer.from(out.bytes).includes('someone')).toBe(false);
  });

  it('strips metadata from a PNG losslessly', async () => {
    const png = await halves(300, 200).withExif({ IFD0: { Copyright: 'someone' } }).png().toBuffer();
    expect((await sharp(png).metadata()).exif).toBeDefined();
    const out = await prepareImage(png, { maxBytes: 1_000_000 });
    expect(out).toMatchObject({ width: 300, height: 200, mimeType: 'image/png' });
    expect((await readBack(out)).exif).toBeUndefined();
  });

  it('turns an AVIF (a HEIF sharp can read) into a JPEG, since networks want JPEG, PNG, WebP or GIF', async () => {
    const out = await prepareImage(await halves(300, 200).avif().toBuffer(), { maxBytes: 1_000_000 });
    expect(out).toMatchObject({ mimeType: 'image/jpeg', width: 300, height: 200 });
    await readBack(out);
  });

  it('passes an image that fits and carries no metadata through untouched', async () => {
    const plain = await halves(300, 200).webp().toBuffer();
    const out = await prepareImage(plain, { maxBytes: 1_000_000, maxSide: 1000 });
    expect(out).toMatchObject({ width: 300, height: 200, mimeType: 'image/webp' });
    expect(Buffer.from(out.bytes).equals(plain)).toBe(true);
  });
});

describe('prepareImage: transparency', () => {
  const transparentCorners = async (width: number, height: number, noisy: boolean) => {
    const disc = noisy ? randomBytes(width * height * 4) : Buffer.alloc(width * height * 4, 0x80);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const inside = (x - width / 2) ** 2 + (y - height / 2) ** 2 < (Math.min(width, height) / 2.5) ** 2;
        disc[(y * width + x) * 4 + 3] = inside ? 255 : 0;
      }
    }
    return sharp(disc, { raw: { width, height, channels: 4 } }).png().toBuffer();
  };

  it('keeps a transparent PNG as PNG when it fits after scaling', async () => {
    const out = await prepareImage(await transparentCorners(800, 600, false), { maxBytes: 1_000_000, maxSide: 400 });
    expect(out).toMatchObject({ mimeType: 'image/png', width: 400, height: 300 });
    expect((await readBack(out)).hasAlpha).toBe(true);
    expect((await pixelAt(out.bytes, 2, 2)).a).toBe(0);
  });

  it('flattens a transparent PNG onto white and makes it a JPEG when no PNG fits', async () => {
    const png = await transparentCorners(1000, 800, true);
    expect(png.length).toBeGreaterThan(1_000_000);
    const out = await prepareImage(png, { maxBytes: 400_000 });
    expect(out.mimeType).toBe('image/jpeg');
    expect(out.bytes.length).toBeLessThanOrEqual(400_000);
    expectSameAspect(out, { width: 1000, height: 800 });
    const corner = await pixelAt(out.bytes, 3, 3);
    for (const channel of [corner.r, corner.g, corner.b]) expect(channel).toBeGreaterThan(240);
  });
});

describe('prepareImage: GIF', () => {
  let animated: Buffer;
  beforeAll(async () => {
    const frame = (colour: string) => sharp({ create: { width: 120, height: 80, channels: 3, background: colour } }).png().toBuffer();
    animated = await sharp(await Promise.all(['#ff0000', '#00ff00', '#0000ff'].map(frame)), { join: { animated: true } })
      .gif()
      .toBuffer();
    expect((await sharp(animated).metadata()).pages).toBe(3);
  });

  it('passes an animated GIF that fits through untouched', async () => {
    const out = await prepareImage(animated, { maxBytes: 1_000_000 });
    expect(out).toMatchObject({ mimeType: 'image/gif', width: 120, height: 80 });
    expect(Buffer.from(out.bytes).equals(animated)).toBe(true);
  });

  it('refuses an animated GIF over the limit instead of recompressing it', async () => {
    await expectInvalidInput(prepareImage(animated, { maxBytes: 100 }), /animation .* does not recompress animations/);
    await expectInvalidInput(prepareImage(animated, { maxBytes: 1_000_000, maxSide: 60 }), /animation \(.*, 120×80\) is over this server's limits \(1\.0 MB, 60 px a side\)/);
  });
});

describe('inspectImage', () => {
  it('tells the type and the size after EXIF orientation', async () => {
    const rotated = await halves(400, 300).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    expect(await inspectImage(rotated)).toEqual({ mimeType: 'image/jpeg', width: 300, height: 400 });
    expect(await inspectImage(await halves(64, 32).png().toBuffer())).toEqual({ mimeType: 'image/png', width: 64, height: 32 });
    expect(await inspectImage(await halves(64, 32).webp().toBuffer())).toMatchObject({ mimeType: 'image/webp' });
    expect(await inspectImage(await halves(64, 32).avif().toBuffer())).toMatchObject({ mimeType: 'image/avif', width: 64 });
  });

  it('refuses what is not an image, with a clear error', async () => {
    const notImage = /not an image Braid can read, or it is damaged/;
    await expectInvalidInput(inspectImage(new TextEncoder().encode('definitely not a picture')), notImage);
    await expectInvalidInput(inspectImage(new Uint8Array(0)), notImage);
    await expectInvalidInput(prepareImage(new TextEncoder().encode('GIF89a but not really'), { maxBytes: 1_000_000 }), notImage);
  });

  it('refuses a damaged image whose header looks fine', async () => {
    const photo = await photoLikeJpeg(400, 300);
    const truncated = photo.subarray(0, photo.length / 2);
    await expectInvalidInput(inspectImage(truncated), /damaged/);
    await expectInvalidInput(prepareImage(truncated, { maxBytes: 10_000_000 }), /damaged/);
  });

  it('refuses formats no network takes', async () => {
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    await expectInvalidInput(inspectImage(svg), /SVG images cannot be posted: use JPEG, PNG, WebP or GIF/);
    await expectInvalidInput(inspectImage(await halves(20, 10).tiff().toBuffer()), /TIFF/);
  });

  it('refuses a decompression bomb at once instead of decoding it', async () => {
    const bomb = pngClaiming(60_000, 60_000);
    expect(bomb.length).toBeLessThan(2_000);
    await expectInvalidInput(inspectImage(bomb), /too large to process \(3600 megapixels/);
    await expectInvalidInput(prepareImage(bomb, { maxBytes: 2_000_000 }), /too large/);
    await expectInvalidInput(thumbnailDataUrl(bomb), /too large/);
  });
});

describe('thumbnailDataUrl', () => {
  it('makes a small, upright JPEG data: URL', async () => {
    const rotated = await halves(1600, 1200).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    const url = await thumbnailDataUrl(rotated);
    const prefix = 'data:image/jpeg;base64,';
    expect(url.startsWith(prefix)).toBe(true);
    const jpeg = Buffer.from(url.slice(prefix.length), 'base64');
    expect(await sharp(jpeg).metadata()).toMatchObject({ format: 'jpeg', width: 240, height: 320 });
    expect(url.length).toBeLessThan(40_000);
  });

  it('does not enlarge a small image and puts transparency on white', async () => {
    const clear = await sharp({ create: { width: 50, height: 20, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    const url = await thumbnailDataUrl(clear, 100);
    const jpeg = Buffer.from(url.slice(url.indexOf(',') + 1), 'base64');
    expect(await sharp(jpeg).metadata()).toMatchObject({ width: 50, height: 20 });
    expect((await pixelAt(jpeg, 10, 10)).r).toBeGreaterThan(240);
  });
});
