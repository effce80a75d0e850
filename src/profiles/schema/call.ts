// Test-call settings (docs/thresholds.md: call quality, video bitrate).
import { int, level, num, obj } from './common.js';

export const call = obj({
  durationSeconds: num(1, 300),
  video: obj({
    width: int(160, 7680),
    height: int(120, 4320),
    frameRate: num(1, 120),
    bitrateKbps: num(50, 50000),
  }),
  audio: obj({ bitrateKbps: num(6, 510) }),
  headroom: num(1, 10),
  mos: level(1, 5),
  videoBitrateKbps: level(0, 50000),
  iceTransport: { enum: ['all', 'relay'] },
  engine: { enum: ['werift', 'libwebrtc'] },
});
