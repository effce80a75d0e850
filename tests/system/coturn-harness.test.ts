// The coturn harness starts a real TURN server that answers on TCP and is stopped by pid.
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { startCoturn } from '../helpers/coturn.js';
import { systemUnavailable } from '../helpers/system.js';

const why = systemUnavailable(['turnserver']);

describe.skipIf(why)('coturn harness', () => {
  it('starts turnserver on 127.0.0.1 and stops it', async () => {
    const turn = await startCoturn();
    try {
      const ok = await new Promise<boolean>((resolve) => {
        const c = net.connect(turn.port, turn.host, () => (c.destroy(), resolve(true)));
        c.once('error', () => resolve(false));
      });
      expect(ok).toBe(true);
    } finally {
      await turn.stop();
    }
    const after = await new Promise<boolean>((resolve) => {
      const c = net.connect(turn.port, turn.host, () => (c.destroy(), resolve(true)));
      c.once('error', () => resolve(false));
    });
    expect(after).toBe(false);
  });
});
