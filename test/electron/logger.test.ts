import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../electron/services/logger.js';
import { tempFolder } from '../operators/support.js';

describe('the station log', () => {
  it('writes no identity value, photo or secret, wherever in the logged object it sits', async () => {
    const file = path.join(tempFolder(), 'main.log');
    const log = createLogger({ destination: file });
    // The file opens asynchronously; write once it is there.
    await vi.waitFor(() => expect(fs.existsSync(file)).toBe(true));
    log.info({ nik: '3171234567890001', name: 'Siti Rahayu', cedula: '1712345678' }, 'top level');
    log.warn({ input: { fields: { nik: '3171234567890002', dateOfBirth: '17-08-1990' }, dataBase64: '/9j/4AAQSkZJRgABAQ' } }, 'one level down');
    log.error(
      { request: { headers: { authorization: 'Bearer sk-live-123' }, credentials: { password: 'hunter2', apiKey: 'key-456' } }, accessToken: 'tok-789' },
      'secrets',
    );
    log.warn({ input: { passphrase: 'carry it to the district office' } }, 'hand-over');
    log.warn({ input: { idCard: { mime: 'image/jpeg', bytes: Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]) } } }, 'two levels down');
    log.error({ err: new TypeError('fetch failed'), checkIn: { qrCode: 'PL-QR-0001' } }, 'an error');
    log.flush();
    await vi.waitFor(() => expect(fs.readFileSync(file, 'utf8')).toContain('an error'));
    const written = fs.readFileSync(file, 'utf8');
    for (const value of [
      '3171234567890001',
      'Siti Rahayu',
      '1712345678',
      '3171234567890002',
      '17-08-1990',
      '/9j/4AAQ',
      'sk-live-123',
      'hunter2',
      'key-456',
      'tok-789',
      'PL-QR-0001',
      'district office',
      '"0":255',
    ]) {
      expect(written).not.toContain(value);
    }
    expect(written).toContain('[redacted]');
    // What support needs stays: the messages and the kind of error.
    expect(written).toContain('one level down');
    expect(written).toContain('TypeError');
  });
});
