// The WHIP exchange both call engines make (src/net/whip-call.ts), with an engine that records its
// steps, against a real HTTP server on 127.0.0.1 and a port nothing listens on: the order of the
// steps, the failure kinds, DELETE of the session whenever there is one, and the peer always closed.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { emptyCallResult } from '../../src/net/call-result.js';
import { type CallEngine, notConnected, runWhipCall } from '../../src/net/whip-call.js';

/** An engine that records its steps; `connect` fails when told to. */
function recordingEngine(steps: string[], failConnect = false): CallEngine {
  return {
    async offer(iceServers) {
      steps.push(`offer ${iceServers.length}`);
      return 'v=0\r\n';
    },
    async answer() {
      steps.push('answer');
    },
    async connect(budgetMs) {
      steps.push('connect');
      if (failConnect) throw notConnected(budgetMs, 'failed');
    },
    describe() {
      steps.push('describe');
    },
    async measure() {
      steps.push('measure');
    },
    close() {
      steps.push('close');
    },
  };
}

describe('runWhipCall: the exchange both engines make', () => {
  const base = () => ({ durationS: 1, signal: new AbortController().signal, deadline: Date.now() + 10_000 });

  it('an unreachable server: the offer was built, nothing connected, the peer closed, no DELETE', async () => {
    const steps: string[] = [];
    const r = await runWhipCall(
      { ...base(), server: 'http://127.0.0.1:9' },
      emptyCallResult('http://127.0.0.1:9/api/v1/whip'),
      recordingEngine(steps),
    );
    expect(steps).toEqual(['offer 0', 'close']);
    expect(r.connected).toBe(false);
    expect(r.error?.reason).toBe('unreachable');
    expect(r.deleteStatus).toBeUndefined();
  });

  it('answered but not connected: a timeout, and the session is deleted all the same', async () => {
    const deleted: string[] = [];
    const server = createServer((req, res) => {
      if (req.method === 'POST') {
        res.writeHead(201, { location: '/api/v1/whip/s1', 'content-type': 'application/sdp' });
        res.end('v=0\r\n');
      } else {
        if (req.method === 'DELETE') deleted.push(req.url ?? '');
        res.writeHead(req.method === 'DELETE' ? 200 : 204);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const steps: string[] = [];
      const r = await runWhipCall(
        { ...base(), server: url, iceServers: [{ urls: ['stun:127.0.0.1:3478'] }] },
        emptyCallResult(`${url}/api/v1/whip`),
        recordingEngine(steps, true),
      );
      expect(steps).toEqual(['offer 1', 'answer', 'connect', 'close']);
      expect(r.location).toBe(`${url}/api/v1/whip/s1`);
      expect(r.connected).toBe(false);
      expect(r.error).toMatchObject({ reason: 'timeout', message: expect.stringMatching(/did not connect.*failed/) });
      expect(deleted).toEqual(['/api/v1/whip/s1']);
      expect(r.deleteStatus).toBe(200);
    } finally {
      server.close();
    }
  });

  it('an abort by the caller is thrown, not reported as the room’s failure', async () => {
    const ac = new AbortController();
    ac.abort();
    const steps: string[] = [];
    await expect(
      runWhipCall(
        { ...base(), server: 'http://127.0.0.1:9', signal: ac.signal },
        emptyCallResult('http://127.0.0.1:9/api/v1/whip'),
        recordingEngine(steps),
      ),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(steps).toEqual(['close']);
  });
});
