// ward-standard lists no ICE servers: the ice check then uses the Department server's STUN
// responder. When that server cannot be reached the check could not run — it must not be a skip
// (`check --only ice --server http://down` said READY).
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { iceCheck } from '../../src/checks/ice.js';
import { runChecks } from '../../src/checks/runner.js';
import { createFormatter } from '../../src/i18n/format.js';
import { loadProfile } from '../../src/profiles/resolve.js';
import { readinessOf } from '../../src/report/model.js';

const log = { debug() {}, info() {}, warn() {} };

/** A port on 127.0.0.1 that nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('ice with the Department server down and no ICE servers in the profile', () => {
  it('is an error with the connection finding, not a skip', async () => {
    const profile = await loadProfile('ward-standard');
    expect(profile.ice.servers).toEqual([]);
    const serverUrl = `http://127.0.0.1:${await closedPort()}`;
    const [r] = await runChecks([iceCheck], { profile, devices: {}, serverUrl }, { t: createFormatter('en'), log });
    expect(r.status).toBe('error');
    expect(r.findings[0].key).toMatch(/^network\.err\./);
    expect(readinessOf([r])).toBe('NOT_READY');
  });
});
