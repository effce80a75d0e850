// Network requirements and ICE servers (docs/thresholds.md, network table).
import { int, level, num, obj } from './common.js';

const rate = obj({ min: num(0, 100000), recommended: num(0, 100000) });

export const network = obj({
  uploadMbps: rate,
  downloadMbps: rate,
  rttMs: level(0, 60000),
  loadedRttIncreaseMs: level(0, 60000),
  jitterMs: level(0, 60000),
  lossPercent: level(0, 100),
  bandwidthSeconds: num(1, 60, 'upper bound per direction; stops earlier once the rate is stable'),
  probeSeconds: num(1, 300),
  probeRatePps: int(10, 200, 'UDP probe packets per second (50 = an audio stream)'),
  bandwidthStreams: int(1, 16, 'parallel HTTP streams per direction'),
  endpoints: {
    type: 'array',
    maxItems: 50,
    items: obj(
      { name: { type: 'string', minLength: 1, maxLength: 100 }, url: { type: 'string', format: 'uri' } },
      { required: ['name', 'url'] },
    ),
  },
});

export const ice = obj({
  servers: {
    type: 'array',
    maxItems: 10,
    items: obj(
      {
        urls: {
          type: 'array',
          minItems: 1,
          items: { type: 'string', pattern: '^(stun|stuns|turn|turns):[^\\s]+$' },
        },
        username: { type: 'string', maxLength: 256 },
        credential: { type: 'string', maxLength: 256 },
      },
      { required: ['urls'] },
    ),
  },
});
