import type { RgbaImage } from '../../fixtures/faces.js';

// A QR code writer for test scenes, smallest case only: version 1 (21x21), error correction L,
// byte mode, mask 0 — up to 17 bytes, enough for a venue's check-in code. No encoder package is
// installed; the station itself only reads codes (jsQR), and qr-code.test.ts reads these back with it.
// Layout and Reed-Solomon follow ISO/IEC 18004 as Project Nayuki's reference implementation does.

const SIZE = 21;
const DATA_CODEWORDS = 19;
const EC_CODEWORDS = 7;
export const QR_MAX_BYTES = 17;

/** Modules row by row (index y * SIZE + x); reserved ones belong to the function patterns. */
type Grid = { dark: boolean[]; reserved: boolean[] };

/** The code's modules, true = dark, row by row. */
export function qrModules(text: string): boolean[][] {
  const bytes = [...Buffer.from(text, 'utf8')];
  if (bytes.length > QR_MAX_BYTES) throw new RangeError(`a version 1-L code holds at most ${QR_MAX_BYTES} bytes, got ${bytes.length}`);
  const grid: Grid = { dark: Array<boolean>(SIZE * SIZE).fill(false), reserved: Array<boolean>(SIZE * SIZE).fill(false) };
  drawFunctionPatterns(grid);
  const data = dataCodewords(bytes);
  placeCodewords(grid, [...data, ...reedSolomonRemainder(data, reedSolomonDivisor(EC_CODEWORDS))]);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) if (!grid.reserved[y * SIZE + x] && (x + y) % 2 === 0) grid.dark[y * SIZE + x] = !grid.dark[y * SIZE + x];
  }
  return Array.from({ length: SIZE }, (_, y) => grid.dark.slice(y * SIZE, (y + 1) * SIZE));
}

/** The code drawn black on white with its quiet zone, `moduleSize` pixels a module, centred in a width x height frame. */
export function qrScene(text: string, width = 640, height = 480, moduleSize = 10): RgbaImage {
  const modules = qrModules(text);
  const data = new Uint8Array(width * height * 4).fill(255);
  const side = SIZE * moduleSize;
  const left = Math.floor((width - side) / 2);
  const top = Math.floor((height - side) / 2);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      if (!modules[Math.floor(y / moduleSize)]?.[Math.floor(x / moduleSize)]) continue;
      data.fill(0, ((top + y) * width + left + x) * 4, ((top + y) * width + left + x) * 4 + 3);
    }
  }
  return { width, height, data };
}

function set(grid: Grid, x: number, y: number, dark: boolean): void {
  grid.dark[y * SIZE + x] = dark;
  grid.reserved[y * SIZE + x] = true;
}

function drawFunctionPatterns(grid: Grid): void {
  for (let i = 0; i < SIZE; i++) {
    set(grid, 6, i, i % 2 === 0);
    set(grid, i, 6, i % 2 === 0);
  }
  for (const [cx, cy] of [
    [3, 3],
    [SIZE - 4, 3],
    [3, SIZE - 4],
  ] as const) {
    for (let dy = -4; dy <= 4; dy++) {
      for (let dx = -4; dx <= 4; dx++) {
        const x = cx + dx;
        const y = cy + dy;
        const distance = Math.max(Math.abs(dx), Math.abs(dy));
        if (x >= 0 && x < SIZE && y >= 0 && y < SIZE) set(grid, x, y, distance !== 2 && distance !== 4);
      }
    }
  }
  drawFormatBits(grid);
}

/** Error correction level L (format bits 01) with mask 0, BCH-protected and masked as the standard says. */
function drawFormatBits(grid: Grid): void {
  const data = (0b01 << 3) | 0;
  let remainder = data;
  for (let i = 0; i < 10; i++) remainder = (remainder << 1) ^ ((remainder >>> 9) * 0x537);
  const bits = ((data << 10) | remainder) ^ 0x5412;
  const bit = (i: number): boolean => ((bits >>> i) & 1) !== 0;
  for (let i = 0; i <= 5; i++) set(grid, 8, i, bit(i));
  set(grid, 8, 7, bit(6));
  set(grid, 8, 8, bit(7));
  set(grid, 7, 8, bit(8));
  for (let i = 9; i < 15; i++) set(grid, 14 - i, 8, bit(i));
  for (let i = 0; i < 8; i++) set(grid, SIZE - 1 - i, 8, bit(i));
  for (let i = 8; i < 15; i++) set(grid, 8, SIZE - 15 + i, bit(i));
  // The dark module beside the bottom-left finder.
  set(grid, 8, SIZE - 8, true);
}

/** Byte mode: mode 0100, an 8-bit length, the bytes, a terminator, then the pad codewords 0xEC 0x11. */
function dataCodewords(bytes: readonly number[]): number[] {
  const bits: number[] = [];
  const push = (value: number, length: number) => {
    for (let i = length - 1; i >= 0; i--) bits.push((value >>> i) & 1);
  };
  push(0b0100, 4);
  push(bytes.length, 8);
  for (const byte of bytes) push(byte, 8);
  push(0, Math.min(4, DATA_CODEWORDS * 8 - bits.length));
  push(0, (8 - (bits.length % 8)) % 8);
  const codewords: number[] = [];
  for (let i = 0; i < bits.length; i += 8) codewords.push(bits.slice(i, i + 8).reduce((value, b) => (value << 1) | b, 0));
  for (let pad = 0xec; codewords.length < DATA_CODEWORDS; pad ^= 0xec ^ 0x11) codewords.push(pad);
  return codewords;
}

/** The zigzag of two-module columns from the bottom right, skipping the vertical timing pattern. */
function placeCodewords(grid: Grid, codewords: readonly number[]): void {
  let index = 0;
  for (let right = SIZE - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5;
    for (let step = 0; step < SIZE; step++) {
      for (let j = 0; j < 2; j++) {
        const x = right - j;
        const upward = ((right + 1) & 2) === 0;
        const y = upward ? SIZE - 1 - step : step;
        if (grid.reserved[y * SIZE + x] || index >= codewords.length * 8) continue;
        grid.dark[y * SIZE + x] = (((codewords[index >>> 3] ?? 0) >>> (7 - (index & 7))) & 1) !== 0;
        index++;
      }
    }
  }
}

function gfMultiply(x: number, y: number): number {
  let z = 0;
  for (let i = 7; i >= 0; i--) {
    z = (z << 1) ^ ((z >>> 7) * 0x11d);
    z ^= ((y >>> i) & 1) * x;
  }
  return z;
}

function reedSolomonDivisor(degree: number): number[] {
  const result = Array<number>(degree).fill(0);
  result[degree - 1] = 1;
  let root = 1;
  for (let i = 0; i < degree; i++) {
    for (let j = 0; j < degree; j++) {
      result[j] = gfMultiply(result[j] ?? 0, root) ^ (j + 1 < degree ? (result[j + 1] ?? 0) : 0);
    }
    root = gfMultiply(root, 0x02);
  }
  return result;
}

function reedSolomonRemainder(data: readonly number[], divisor: readonly number[]): number[] {
  const result = Array<number>(divisor.length).fill(0);
  for (const byte of data) {
    const factor = byte ^ (result.shift() ?? 0);
    result.push(0);
    divisor.forEach((coefficient, i) => (result[i] = (result[i] ?? 0) ^ gfMultiply(coefficient, factor)));
  }
  return result;
}
