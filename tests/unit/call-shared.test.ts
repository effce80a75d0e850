// What both call engines share (call-result.ts, rtt-probes.ts): the failure kinds a call reports,
// the figures never judged, the data-channel RTT. The exchange itself: tests/integration/whip-call.test.ts.
import { describe, expect, it } from 'vitest';
import { ECHO_MARGIN_MS, EchoLedger, Implausible } from '../../src/net/call-meter.js';
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

describe('EchoLedger: which unreturned packets of a packet echo are lost, and which still on their way', () => {
  /** 20 ms apart from `first` (sequence numbers wrap through 65535 → 0). */
  const sendAll = (l: EchoLedger, first: number, n: number) => {
    for (let i = 0; i < n; i++) l.sent((first + i) & 0xffff, i * 20);
  };

  it('the echo stops for good mid-call: every packet after it is lost, none pending', () => {
    const l = new EchoLedger();
    sendAll(l, 65_500, 500); // 10 s, through the wrap
    for (let i = 0; i < 150; i++) l.echoed((65_500 + i) & 0xffff, i * 20 + 2); // 3 s, 2 ms each
    expect(l.lastDelayMs).toBe(2);
    expect(l.pending(500 * 20 + 200)).toBe(0);
  });

  it('a slow echo (a busy client): what was sent within its delay before the end is pending', () => {
    const l = new EchoLedger();
    sendAll(l, 100, 500);
    // Every echo 2 s late; counting stops 1.5 s after the last send: echoes of sends up to 9.48 s back.
    const stop = 499 * 20 + 1500;
    for (let i = 0; i < 500 && i * 20 + 2000 <= stop; i++) if (i !== 200) l.echoed(100 + i, i * 20 + 2000);
    expect(l.lastDelayMs).toBe(2000);
    // Sent after stop − 2 s − margin and not back: pending; #200 (sent long before) stays lost.
    const cutoff = stop - 2000 - ECHO_MARGIN_MS;
    const notBack = [...Array(500).keys()].filter((i) => i !== 200 && i * 20 + 2000 > stop);
    expect(l.pending(stop)).toBe(notBack.filter((i) => i * 20 > cutoff).length);
    expect(notBack.filter((i) => i * 20 <= cutoff)).toEqual([]);
  });

  it('nothing ever came back: nothing is pending (all of it is lost); duplicates and unknown numbers are ignored', () => {
    const l = new EchoLedger();
    sendAll(l, 0, 10);
    expect(l.pending(1000)).toBe(0);
    l.echoed(9, 190);
    l.echoed(9, 500); // duplicate: the first delay stands
    l.echoed(40_000, 600); // never sent
    expect(l.lastDelayMs).toBe(10);
  });
});
