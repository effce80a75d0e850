// Network requirements and ICE servers (DEFAULTS.md, network table).
import { level, num, obj } from './common.js';

const rate = obj({ min: num(0, 100000), recommended: num(0, 100000) });

export const network = obj({
  uploadMbps: rate,
  downloadMbps: rate,
  rttMs: level(0, 60000),
  jitterMs: level(0, 60000),
  lossPercent: level(0, 100),
  bandwidthSeconds: num(1, 60),
  probeSeconds: num(1, 120),
  endpoints: {
    type: 'array',
    maxItems: 50,
    items: obj({ name: { type: 'string', minLength: 1, maxLength: 100 }, url: { type: 'string', format: 'uri' } }, { required: ['name', 'url'] }),
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
