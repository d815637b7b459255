import fs from 'node:fs';
import path from 'node:path';

/** A log file of at most `maxBytes`, and `keep` older ones beside it (main.1.log the newest). */
export interface RotatingFileOptions {
  readonly file: string;
  readonly maxBytes: number;
  readonly keep: number;
}

export const rotatedName = (file: string, index: number): string => {
  const { dir, name, ext } = path.parse(file);
  return path.join(dir, `${name}.${index}${ext}`);
};

/**
 * A pino destination that starts a new file when the current one would pass its cap, so the logs
 * never take more than (keep + 1) × maxBytes. Writes are synchronous: a log line written just
 * before a crash is on disk.
 */
export function rotatingFile(options: RotatingFileOptions): { write(line: string): void } {
  fs.mkdirSync(path.dirname(options.file), { recursive: true });
  let fd = fs.openSync(options.file, 'a');
  let size = fs.fstatSync(fd).size;
  const rotate = () => {
    fs.closeSync(fd);
    fs.rmSync(rotatedName(options.file, options.keep), { force: true });
    for (let index = options.keep - 1; index >= 1; index -= 1) {
      if (fs.existsSync(rotatedName(options.file, index))) fs.renameSync(rotatedName(options.file, index), rotatedName(options.file, index + 1));
    }
    if (options.keep > 0) fs.renameSync(options.file, rotatedName(options.file, 1));
    else fs.rmSync(options.file, { force: true });
    fd = fs.openSync(options.file, 'a');
    size = 0;
  };
  return {
    write(line: string) {
      const bytes = Buffer.byteLength(line);
      if (size > 0 && size + bytes > options.maxBytes) rotate();
      fs.writeSync(fd, line);
      size += bytes;
    },
  };
}
