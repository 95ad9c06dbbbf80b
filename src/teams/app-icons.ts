import { PNG } from 'pngjs';

/**
 * The two icons Teams asks for, drawn here so the package needs no binary files: color.png (192×192,
 * the accent color with a white car) and outline.png (32×32, the same car in white on transparent, as
 * Teams requires). Each pixel is sampled 4×4 times so the edges are smooth.
 */
type Shape = (x: number, y: number) => boolean;

/** A side view of a car in a unit square: body, cabin, two wheels with their hubs cut out. */
const car: Shape = (x, y) => {
  const wheel = (cx: number): number => Math.hypot(x - cx, y - 0.68);
  if (wheel(0.3) < 0.045 || wheel(0.7) < 0.045) return false;
  if (wheel(0.3) < 0.1 || wheel(0.7) < 0.1) return true;
  const body = x >= 0.12 && x <= 0.88 && y >= 0.47 && y <= 0.66;
  const cabinTop = 0.32;
  const cabin = y >= cabinTop && y < 0.47 && x >= 0.27 - (y - cabinTop) * 0.8 && x <= 0.66 + (y - cabinTop) * 1.1;
  return body || cabin;
};

const samples = 4;

function coverage(shape: Shape, size: number, px: number, py: number, inset: number): number {
  let inside = 0;
  for (let sy = 0; sy < samples; sy += 1) {
    for (let sx = 0; sx < samples; sx += 1) {
      const x = (px + (sx + 0.5) / samples) / size;
      const y = (py + (sy + 0.5) / samples) / size;
      // Scale the shape into the square minus the inset margin.
      if (shape((x - inset) / (1 - 2 * inset), (y - inset) / (1 - 2 * inset))) inside += 1;
    }
  }
  return inside / (samples * samples);
}

function hexColor(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.replace('#', ''), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

/** 192×192: the accent color behind a white car. */
export function colorIcon(accentColor: string): Buffer {
  const size = 192;
  const png = new PNG({ width: size, height: size });
  const [r, g, b] = hexColor(accentColor);
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const white = coverage(car, size, x, y, 0.12);
      const index = (y * size + x) * 4;
      png.data[index] = Math.round(r + (255 - r) * white);
      png.data[index + 1] = Math.round(g + (255 - g) * white);
      png.data[index + 2] = Math.round(b + (255 - b) * white);
      png.data[index + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

/** 32×32: the car in white, everything else fully transparent. */
export function outlineIcon(): Buffer {
  const size = 32;
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const index = (y * size + x) * 4;
      png.data[index] = 255;
      png.data[index + 1] = 255;
      png.data[index + 2] = 255;
      png.data[index + 3] = Math.round(255 * coverage(car, size, x, y, 0.02));
    }
  }
  return PNG.sync.write(png);
}
