// The PulseAudio harness: a private daemon with two null sinks, reachable through its env only.
import { describe, expect, it } from 'vitest';
import { startPulse } from '../helpers/pulse.js';
import { systemUnavailable } from '../helpers/system.js';

const why = systemUnavailable(['pulseaudio', 'pactl']);

describe.skipIf(why)('pulseaudio harness', () => {
  it('starts a private daemon with null sinks and stops it', () => {
    const pulse = startPulse(['room_speaker', 'tv_speaker']);
    try {
      const sinks = pulse.pactl(['list', 'short', 'sinks']);
      expect(sinks).toContain('room_speaker');
      expect(sinks).toContain('tv_speaker');
    } finally {
      pulse.stop();
    }
    expect(() => process.kill(pulse.pid, 0)).toThrow();
  });
});
