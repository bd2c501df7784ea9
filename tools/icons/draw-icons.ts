/**
 * Draws the add-in icon (a deep teal rounded square holding three white bars that rise toward
 * an amber target line) at every size the manifest and the store listing use, and writes
 * assets/icon-<size>.png.
 *
 * The artwork is laid out on a 16 x 16 grid. Every icon size is a multiple of 16, so bar edges
 * land on whole pixels at each size and the 16 px icon stays crisp; curved edges are
 * anti-aliased by supersampling each pixel.
 *
 * Usage: ts-node tools/icons/draw-icons.ts [output-dir]   (default: assets)
 */
import { mkdirSync, writeFileSync } from "fs";
import { join } from "path";
import { encodePng } from "./png";

export const ICON_SIZES = [16, 32, 64, 80, 128] as const;

type Rgb = readonly [number, number, number];

/** Gradient of the tile, top-left to bottom-right. */
const TILE_LIGHT: Rgb = [0x13, 0x85, 0x96];
const TILE_DARK: Rgb = [0x0a, 0x3d, 0x5c];
const BAR: Rgb = [0xff, 0xff, 0xff];
const ACCENT: Rgb = [0xf6, 0xb7, 0x3c];

/** All geometry in 16-grid units. */
const TILE = { x0: 0, y0: 0, x1: 16, y1: 16, radius: 3 };
const BASELINE_Y = 13;
const BARS = [
  { x0: 3, x1: 5, top: 9 },
  { x0: 7, x1: 9, top: 7 },
  { x0: 11, x1: 13, top: 5 },
] as const;
/** The target: an amber line with rounded ends above the bars, which rise toward it. */
const TARGET = { x0: 3, x1: 13, y0: 3, y1: 4 };

function inRoundedRect(
  x: number,
  y: number,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  r: number,
): boolean {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = x < x0 + r ? x0 + r : x > x1 - r ? x1 - r : x;
  const cy = y < y0 + r ? y0 + r : y > y1 - r ? y1 - r : y;
  const dx = x - cx;
  const dy = y - cy;
  return dx * dx + dy * dy <= r * r;
}

/** Bars keep square bottoms on the baseline and get softly rounded tops when there is room. */
function inBar(x: number, y: number, bar: (typeof BARS)[number], topRadius: number): boolean {
  if (x < bar.x0 || x > bar.x1 || y < bar.top || y > BASELINE_Y) return false;
  if (y >= bar.top + topRadius) return true;
  return inRoundedRect(x, y, bar.x0, bar.top, bar.x1, BASELINE_Y, topRadius);
}

function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

/** Colour at a point of the 16-grid, or undefined where the icon is transparent. */
function sample(x: number, y: number, barRadius: number, targetRadius: number): Rgb | undefined {
  if (!inRoundedRect(x, y, TILE.x0, TILE.y0, TILE.x1, TILE.y1, TILE.radius)) return undefined;
  if (inRoundedRect(x, y, TARGET.x0, TARGET.y0, TARGET.x1, TARGET.y1, targetRadius)) return ACCENT;
  for (const bar of BARS) if (inBar(x, y, bar, barRadius)) return BAR;
  return mix(TILE_LIGHT, TILE_DARK, Math.min(1, Math.max(0, (x + y - 1) / 30)));
}

/** Renders the icon at `size` x `size` pixels; returns straight (non-premultiplied) RGBA. */
export function drawIcon(size: number): Uint8Array {
  if (!Number.isInteger(size) || size < 16)
    throw new Error(`icon size must be an integer of at least 16; got ${size}`);
  const unit = size / 16;
  const samplesPerAxis = Math.max(4, Math.ceil(64 / unit));
  const samples = samplesPerAxis * samplesPerAxis;
  // Round the bar tops and line ends from 32 px up; at 16 px a sub-pixel rounding would only blur them.
  const barRadius = unit >= 2 ? 0.4 : 0;
  const targetRadius = unit >= 2 ? 0.5 : 0;
  const rgba = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samplesPerAxis; sy++) {
        for (let sx = 0; sx < samplesPerAxis; sx++) {
          const x = (px + (sx + 0.5) / samplesPerAxis) / unit;
          const y = (py + (sy + 0.5) / samplesPerAxis) / unit;
          const colour = sample(x, y, barRadius, targetRadius);
          if (!colour) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          a += 1;
        }
      }
      const offset = (py * size + px) * 4;
      if (a > 0) {
        rgba[offset] = Math.round(r / a);
        rgba[offset + 1] = Math.round(g / a);
        rgba[offset + 2] = Math.round(b / a);
        rgba[offset + 3] = Math.round((255 * a) / samples);
      }
    }
  }
  return rgba;
}

/** Draws every size into `outDir` and returns the paths written. */
export function writeIcons(outDir: string): string[] {
  mkdirSync(outDir, { recursive: true });
  return ICON_SIZES.map((size) => {
    const file = join(outDir, `icon-${size}.png`);
    writeFileSync(file, encodePng(size, size, drawIcon(size)));
    return file;
  });
}

export function main(argv: string[] = process.argv.slice(2)): number {
  if (argv.length > 1 || argv.some((arg) => arg.startsWith("-"))) {
    process.stderr.write(
      "usage: draw-icons [output-dir]  (writes icon-16/32/64/80/128.png; default output-dir: assets)\n",
    );
    return 2;
  }
  try {
    for (const file of writeIcons(argv[0] ?? "assets")) process.stdout.write(`wrote ${file}\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`draw-icons: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

if (require.main === module) process.exitCode = main();
