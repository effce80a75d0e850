// What both call engines share (call-result.ts, rtt-probes.ts): the failure kinds a call reports,
// the figures never judged, the data-channel RTT. The exchange itself: tests/integration/whip-call.test.ts.
import { describe, expect, it } from 'vitest';
import { Implausible } from '../../src/net/call-meter.js';
import { callError, settleVerdictFigures } from '../../src/net/call-result.js';
import { RttProbes } from '../../src/net/rtt-probes.js';
import { notConnected } from '../../src/net/whip-call.js';
import { WhipError } from '../../src/net/whip-client.js';
import { mosFromNetwork } from '../../src/net/webrtc-quality.js';

describe('callError: the failure kinds of a call', () => {
  it('keeps a WHIP failure’s reason, status and Retry-After; anything else is `failed`', () => {
    expect(callError(new WhipError('http', 'busy', 503, '30'))).toEqual({
      reason: 'http',
      message: 'busy',
      status: 503,
      retryAfter: '30',
    });
    expect(callError(notConnected(4000, 'still checking'))).toMatchObject({
      reason: 'timeout',
      message: 'ICE/DTLS did not connect within 4 s (still checking)',
    });
    expect(callError(new Error('boom'))).toEqual({ reason: 'failed', message: 'boom' });
  });
});

describe('figures that cannot be true are never judged', () => {
  it('with an implausible figure: listed, no loss, no MOS; else the judged loss and its MOS', () => {
    const bad: Parameters<typeof settleVerdictFigures>[0] = { rttMs: 20 };
    const wrong = new Implausible();
    wrong.nonNegative({ sendKbps: -1 });
    settleVerdictFigures(bad, wrong, 2);
    expect(bad.lossPercent).toBeUndefined();
    expect(bad.mos).toBeUndefined();
    expect(bad.implausibleFigures).toEqual([
      { key: 'call.implausible.kbps', params: { figure: 'sendBitrate', value: -1 } },
    ]);
    expect(bad.implausible).toHaveLength(1);
    const good: Parameters<typeof settleVerdictFigures>[0] = { rttMs: 20, jitterMs: 3 };
    settleVerdictFigures(good, new Implausible(), 2);
    expect(good).toEqual({ rttMs: 20, jitterMs: 3, lossPercent: 2, mos: mosFromNetwork(20, 3, 2) });
    const noRtt: Parameters<typeof settleVerdictFigures>[0] = {};
    settleVerdictFigures(noRtt, new Implausible(), 0);
    expect(noRtt).toEqual({ lossPercent: 0 });
  });
});

describe('RttProbes over a data channel', () => {
  it('an echoed probe gives an RTT and confirms the path; other messages are not ours', async () => {
    const sent: string[] = [];
    const ch = { readyState: 'open', send: (d: string) => void sent.push(d) };
    const probes = new RttProbes(ch);
    const confirmed = probes.pathConfirmed(Promise.resolve());
    await new Promise((r) => setTimeout(r, 20));
    expect(sent).toHaveLength(1);
    probes.received('not json');
    probes.received(JSON.stringify({ probe: 99 }));
    expect(probes.rtts).toEqual([]);
    probes.received(sent[0]);
    await confirmed;
    expect(probes.rtts).toHaveLength(1);
    expect(probes.rtts[0]).toBeGreaterThanOrEqual(15);
    probes.received(sent[0]); // a duplicate echo counts once
    expect(probes.rtts).toHaveLength(1);
  });
  it('sends nothing on a closed channel', () => {
    const sent: string[] = [];
    new RttProbes({ readyState: 'closed', send: (d: string) => void sent.push(d) }).send();
    expect(sent).toEqual([]);
  });
});
