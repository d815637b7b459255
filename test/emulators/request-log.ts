// Every API request the emulators answered (or dropped), in order, optionally mirrored to a
// JSON-lines file so a process outside the test can count deliveries too.
import { appendFileSync } from 'node:fs';
import type { EmulatorId, RequestLogEntry } from './types.js';

export class RequestLog {
  private readonly entries: RequestLogEntry[] = [];

  constructor(private readonly file?: string) {}

  add(entry: RequestLogEntry): void {
    this.entries.push(entry);
    // Synchronous on purpose: a crash test may read the file right after a response arrives.
    if (this.file) appendFileSync(this.file, `${JSON.stringify(entry)}\n`);
  }

  list(emulator?: EmulatorId): RequestLogEntry[] {
    return this.entries.filter((e) => !emulator || e.emulator === emulator).map((e) => ({ ...e }));
  }

  acceptedCount(emulator: EmulatorId, userId: string): number {
    return this.entries.filter((e) => e.emulator === emulator && e.accepted && e.userId === userId).length;
  }
}
