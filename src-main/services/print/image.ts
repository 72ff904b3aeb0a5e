/**
 * What an image file really is, from its header (never from its name or a
 * MIME type the sender claims): PNG (signature + IHDR) or baseline/progressive
 * JPEG (the first SOFn segment), with its size in pixels. null for anything else.
 */
export type ImageInfo = { mime: 'image/png' | 'image/jpeg'; width: number; height: number };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const png = (b: Buffer): ImageInfo | null => {
  if (b.length < 33 || !PNG_SIGNATURE.every((v, i) => b[i] === v)) return null;
  // The first chunk must be IHDR, 13 bytes: width, height (big-endian).
  if (b.readUInt32BE(8) !== 13 || b.toString('latin1', 12, 16) !== 'IHDR') return null;
  const width = b.readUInt32BE(16);
  const height = b.readUInt32BE(20);
  return width > 0 && height > 0 ? { mime: 'image/png', width, height } : null;
};

/** Start-of-frame markers (SOF0–SOF15 except DHT C4, JPG C8 and DAC CC) carry the frame's size. */
const isSof = (m: number): boolean => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

const jpeg = (b: Buffer): ImageInfo | null => {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return null;
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    // Fill bytes and markers without a length.
    if (marker === 0xff) {
      i += 1;
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null; // end of image or start of scan before any frame header
    const length = b.readUInt16BE(i + 2);
    if (length < 2 || i + 2 + length > b.length) return null;
    if (isSof(marker)) {
      if (length < 7) return null;
      const height = b.readUInt16BE(i + 5);
      const width = b.readUInt16BE(i + 7);
      return width > 0 && height > 0 ? { mime: 'image/jpeg', width, height } : null;
    }
    i += 2 + length;
  }
  return null;
};

export const imageInfo = (bytes: Buffer): ImageInfo | null => png(bytes) ?? jpeg(bytes);
