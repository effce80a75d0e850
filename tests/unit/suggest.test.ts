import { describe, expect, it } from 'vitest';
import { closest, editDistance } from '../../src/i18n/suggest.js';

describe('did you mean', () => {
  it('counts a swap of two adjacent letters as one edit', () => {
    expect(editDistance('ward-standrad', 'ward-standard')).toBe(1);
    expect(editDistance('camra', 'camera')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });
  it('suggests only close names', () => {
    expect(closest('ward-standrad', ['ward-standard', 'hq-reception', 'demo-simulated'])).toBe('ward-standard');
    expect(closest('camra', ['host', 'devices', 'camera', 'microphone'])).toBe('camera');
    expect(closest('room-camra', ['room-camera', 'room-microphone', 'loudspeaker', 'tv'])).toBe('room-camera');
    expect(closest('HQ-Reception', ['ward-standard', 'hq-reception'])).toBe('hq-reception');
    expect(closest('speaker', ['loudspeaker', 'tv'])).toBe('loudspeaker');
    expect(closest('xyz', ['ward-standard', 'hq-reception'])).toBeUndefined();
    expect(closest('tv2', ['room-camera'])).toBeUndefined();
  });
});
