/**
 * Minimal PNG support for the build tools: encode an 8-bit RGBA image (colour type 6, no
 * interlace) and read the pixel size of an existing PNG from its IHDR chunk. Only node's zlib is
 * used, so the icons can be produced and checked without any image library.
 */
import { deflateSync } from "zlib";

/** The 8 bytes every PNG file starts with. */
export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface PngSize {
  width: number;
  height: number;
}

let crcTable: Uint32Array | undefined;

function getCrcTable(): Uint32Array {
  if (crcTable) return crcTable;
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  crcTable = table;
  return table;
}

/** CRC-32 (ISO 3309 / ITU-T V.42, as used by PNG) of the given bytes. */
export function crc32(data: Uint8Array): number {
  const table = getCrcTable();
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = table[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** One chunk: length, type, data, CRC over type and data. */
function chunk(type: string, data: Buffer): Buffer {
  const typeBytes = Buffer.from(type, "ascii");
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length, 0);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([typeBytes, data])), 0);
  return Buffer.concat([length, typeBytes, data, crc]);
}

/**
 * Encodes `rgba` (width * height * 4 bytes, rows top to bottom, not premultiplied) as a PNG.
 * Every scanline uses filter type 0 (None); zlib does the compressing.
 */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new Error(`PNG size must be positive integers; got ${width}x${height}`);
  }
  const rowBytes = width * 4;
  if (rgba.length !== rowBytes * height) {
    throw new Error(`RGBA buffer has ${rgba.length} bytes; ${width}x${height} needs ${rowBytes * height}`);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: truecolour with alpha
  header[10] = 0; // compression: deflate
  header[11] = 0; // filter method: adaptive (per-row filter byte)
  header[12] = 0; // no interlace

  const raw = Buffer.alloc((rowBytes + 1) * height);
  for (let y = 0; y < height; y++) {
    const start = y * (rowBytes + 1);
    raw[start] = 0; // filter: None
    raw.set(rgba.subarray(y * rowBytes, (y + 1) * rowBytes), start + 1);
  }
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/**
 * Reads width and height from the IHDR chunk. Throws when the bytes are not a PNG (wrong
 * signature, too short, or the first chunk is not a 13-byte IHDR).
 */
export function readPngSize(buffer: Uint8Array): PngSize {
  const bytes = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  if (bytes.length < PNG_SIGNATURE.length || !bytes.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE)) {
    throw new Error("not a PNG file: the PNG signature is missing");
  }
  if (bytes.length < 33) {
    throw new Error(`not a PNG file: ${bytes.length} bytes is too short to hold the IHDR chunk`);
  }
  const length = bytes.readUInt32BE(8);
  const type = bytes.toString("ascii", 12, 16);
  if (type !== "IHDR" || length !== 13) {
    throw new Error(
      `not a valid PNG file: the first chunk is ${JSON.stringify(type)} (length ${length}), expected IHDR (length 13)`,
    );
  }
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  if (width === 0 || height === 0) throw new Error(`not a valid PNG file: IHDR declares ${width}x${height}`);
  return { width, height };
}
