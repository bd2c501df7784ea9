import { readdirSync, readFileSync } from "fs";
import { join } from "path";
import { inflateSync } from "zlib";
import { drawIcon, ICON_SIZES } from "../../tools/icons/draw-icons";
import { crc32, encodePng, PNG_SIGNATURE, readPngSize } from "../../tools/icons/png";

const ASSETS = join(__dirname, "..", "..", "assets");

interface Chunk {
  type: string;
  data: Buffer;
  crc: number;
}

function chunksOf(png: Buffer): Chunk[] {
  const chunks: Chunk[] = [];
  let pos = PNG_SIGNATURE.length;
  while (pos < png.length) {
    const length = png.readUInt32BE(pos);
    const type = png.toString("ascii", pos + 4, pos + 8);
    chunks.push({
      type,
      data: png.subarray(pos + 8, pos + 8 + length),
      crc: png.readUInt32BE(pos + 8 + length),
    });
    pos += 12 + length;
  }
  return chunks;
}

/** Decodes the pixels of a PNG written by encodePng (RGBA, filter None on every row). */
function pixelsOf(png: Buffer): Uint8Array {
  const { width, height } = readPngSize(png);
  const idat = Buffer.concat(
    chunksOf(png)
      .filter((c) => c.type === "IDAT")
      .map((c) => c.data),
  );
  const raw = inflateSync(idat);
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 4 + 1);
    expect(raw[row]).toBe(0);
    rgba.set(raw.subarray(row + 1, row + 1 + width * 4), y * width * 4);
  }
  return rgba;
}

function checkerboard(width: number, height: number): Uint8Array {
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) rgba.set(i % 2 ? [255, 0, 0, 255] : [0, 128, 255, 64], i * 4);
  return rgba;
}

describe("png", () => {
  it("computes the standard CRC-32 check value", () => {
    expect(crc32(Buffer.from("123456789", "ascii"))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it("round-trips the size through encodePng and readPngSize", () => {
    for (const [width, height] of [
      [1, 1],
      [3, 7],
      [16, 16],
      [300, 2],
    ] as const) {
      expect(readPngSize(encodePng(width, height, checkerboard(width, height)))).toEqual({ width, height });
    }
  });

  it("writes signature, IHDR, IDAT and IEND with valid CRCs, and the pixels survive", () => {
    const pixels = checkerboard(5, 4);
    const png = encodePng(5, 4, pixels);
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    const chunks = chunksOf(png);
    expect(chunks.map((c) => c.type)).toEqual(["IHDR", "IDAT", "IEND"]);
    for (const c of chunks) expect(c.crc).toBe(crc32(Buffer.concat([Buffer.from(c.type, "ascii"), c.data])));
    expect([...chunks[0]!.data.subarray(8)]).toEqual([8, 6, 0, 0, 0]);
    expect(pixelsOf(png)).toEqual(pixels);
  });

  it("rejects a pixel buffer of the wrong length or a bad size", () => {
    expect(() => encodePng(2, 2, new Uint8Array(15))).toThrow("RGBA buffer has 15 bytes; 2x2 needs 16");
    expect(() => encodePng(0, 2, new Uint8Array(0))).toThrow("PNG size must be positive integers; got 0x2");
  });

  it("throws a clear error for bytes that are not a PNG", () => {
    expect(() => readPngSize(Buffer.from("GIF89a, not a PNG at all, just text"))).toThrow(
      "not a PNG file: the PNG signature is missing",
    );
    expect(() => readPngSize(new Uint8Array(0))).toThrow("not a PNG file: the PNG signature is missing");
    expect(() => readPngSize(PNG_SIGNATURE)).toThrow("too short to hold the IHDR chunk");
    const wrongFirstChunk = Buffer.from(encodePng(2, 2, new Uint8Array(16)));
    wrongFirstChunk.write("IDAT", 12, "ascii");
    expect(() => readPngSize(wrongFirstChunk)).toThrow(
      'the first chunk is "IDAT" (length 13), expected IHDR (length 13)',
    );
  });
});

describe("icons", () => {
  it.each(ICON_SIZES.map((size) => [size]))(
    "assets/icon-%i.png exists and is exactly that many pixels square",
    (size) => {
      expect(readPngSize(readFileSync(join(ASSETS, `icon-${size}.png`)))).toEqual({
        width: size,
        height: size,
      });
    },
  );

  it("every assets/icon-N.png is N x N", () => {
    const icons = readdirSync(ASSETS).filter((name) => /^icon-\d+\.png$/.test(name));
    expect(icons.length).toBeGreaterThanOrEqual(ICON_SIZES.length);
    for (const name of icons) {
      const n = Number(/\d+/.exec(name)![0]);
      expect({ name, ...readPngSize(readFileSync(join(ASSETS, name))) }).toEqual({
        name,
        width: n,
        height: n,
      });
    }
  });

  it.each(ICON_SIZES.map((size) => [size]))(
    "assets/icon-%i.png matches what draw-icons draws (regenerate after changing the artwork)",
    (size) => {
      expect(Buffer.from(pixelsOf(readFileSync(join(ASSETS, `icon-${size}.png`))))).toEqual(
        Buffer.from(drawIcon(size)),
      );
    },
  );

  it("draws an opaque tile with transparent corners, white bars and an amber target line", () => {
    const size = 64;
    const rgba = drawIcon(size);
    const at = (x: number, y: number) => [...rgba.subarray((y * size + x) * 4, (y * size + x) * 4 + 4)];
    expect(at(0, 0)[3]).toBe(0);
    expect(at(size - 1, size - 1)[3]).toBe(0);
    expect(at(size / 2, size - 4)[3]).toBe(255);
    // The tallest bar (x 11..13 of the 16-grid, from y 5 down to 13) is white.
    expect(at(48, 40)).toEqual([255, 255, 255, 255]);
    // The target line (y 3..4) is amber.
    const [r, g, b, a] = at(32, 14);
    expect(a).toBe(255);
    expect(r).toBeGreaterThan(200);
    expect(b).toBeLessThan(100);
    expect(g).toBeGreaterThan(b!);
  });
});
