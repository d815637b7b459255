import { describe, expect, it } from 'vitest';
import { decideSelfTest } from '../../electron/main/self-test-gate.js';

describe('decideSelfTest', () => {
  it('does nothing when the switch is absent, even if allowed', () => {
    expect(decideSelfTest({ argv: ['app'], buildAllows: true, provisioningAllows: true })).toEqual({ run: false, reason: 'not-requested' });
  });
  it('ignores the switch when neither the build nor provisioning allows it', () => {
    expect(decideSelfTest({ argv: ['app', '--self-test'], buildAllows: false, provisioningAllows: undefined })).toEqual({ run: false, reason: 'not-allowed' });
    expect(decideSelfTest({ argv: ['app', '--self-test'], buildAllows: false, provisioningAllows: false })).toEqual({ run: false, reason: 'not-allowed' });
  });
  it('runs when the build flag allows it', () => {
    expect(decideSelfTest({ argv: ['app', '--self-test'], buildAllows: true, provisioningAllows: false })).toEqual({ run: true, allowedBy: 'build' });
  });
  it('runs when provisioning allows it', () => {
    expect(decideSelfTest({ argv: ['app', '--self-test'], buildAllows: false, provisioningAllows: true })).toEqual({ run: true, allowedBy: 'provisioning' });
  });
});
