import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { installCrashHandling, MAX_RELOADS_WITHOUT_LOAD, reloadAfterRendererCrash } from '../../electron/main/crash-handling.js';

/** A logger whose lines the test reads back. */
function recordingLog() {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { log: pino({ base: undefined }, sink), lines };
}

const flushed = () => new Promise((resolve) => setImmediate(resolve));

class FakeContents extends EventEmitter {
  reloads = 0;
  reload() {
    this.reloads += 1;
  }
}

describe('crash handling', () => {
  it('starts the crash reporter with no upload, and logs uncaught errors, rejections and dead child processes', async () => {
    const { log, lines } = recordingLog();
    const app = new EventEmitter();
    const processEvents = new EventEmitter();
    const started: unknown[] = [];
    installCrashHandling({
      app: app as never,
      crashReporter: { start: (options) => started.push(options) },
      processEvents: processEvents as unknown as NodeJS.Process,
      log,
    });
    expect(started).toEqual([expect.objectContaining({ uploadToServer: false })]);
    processEvents.emit('uncaughtException', new RangeError('boom'));
    processEvents.emit('unhandledRejection', new TypeError('lost promise'));
    app.emit('child-process-gone', {}, { type: 'GPU', reason: 'crashed', exitCode: 139 });
    await flushed();
    expect(lines.map((line) => line.msg)).toEqual(['uncaught exception in main', 'unhandled rejection in main', 'child process gone']);
    expect(JSON.stringify(lines)).toContain('RangeError');
    expect(lines[2]).toMatchObject({ type: 'GPU', reason: 'crashed', exitCode: 139 });
  });

  it('logs a renderer that crashed and reloads the window, but not after a clean exit nor in a crash loop', async () => {
    const { log, lines } = recordingLog();
    const webContents = new FakeContents();
    reloadAfterRendererCrash({ webContents: webContents as never, isDestroyed: () => false }, log);
    webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 11 });
    expect(webContents.reloads).toBe(1);
    webContents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    expect(webContents.reloads).toBe(1);
    // A page that never loads again: reloaded a few times, then left alone.
    for (let crash = 0; crash < MAX_RELOADS_WITHOUT_LOAD + 2; crash += 1) webContents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 1 });
    expect(webContents.reloads).toBe(MAX_RELOADS_WITHOUT_LOAD);
    // A page that loaded resets the count.
    webContents.emit('did-finish-load');
    webContents.emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 });
    expect(webContents.reloads).toBe(MAX_RELOADS_WITHOUT_LOAD + 1);
    await flushed();
    expect(lines.filter((line) => line.msg === 'renderer process gone')[0]).toMatchObject({ reason: 'crashed', exitCode: 11 });
  });
});
