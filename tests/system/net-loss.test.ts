// Loss truth: nftables drops a random 2 % / 5 % of the probe packets in the receiver's input hook
// (no netem here). A drop in B's input loses uplink packets (A → B); in A's input, downlink ones.
// 6,000 packets per run (60 s at 100/s via a test profile): sampling noise at 5 % is
// sqrt(0.05·0.95/6000) = 0.28 pp, so ±0.7 pp is 2.5 σ. The rules count what they drop: the
// measured loss must also match those counters (what really happened) to within 0.1 pp.
// Also: with every UDP packet to the reflector dropped, the check fails with "UDP blocked".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLink, type NsLink } from '../helpers/netns.js';
import { systemUnavailable } from '../helpers/system.js';
import { checkInNs, serveInNs, testProfile } from '../helpers/wardkit-ns.js';

const why = systemUnavailable(['ip', 'nft']);
const PORT = 8470;

describe.skipIf(why)('loss per direction against nftables random drop', () => {
  let link: NsLink;
  let url: string;
  beforeAll(async () => {
    link = createLink();
    ({ url } = await serveInNs(link, link.nsB, link.ipB, PORT));
  });
  afterAll(() => link?.cleanup());

  /** Drop `percent` % of UDP packets of the probe flow arriving in `ns`, counting them. */
  const drop = (ns: string, percent: number, match: string) => {
    link.clearNft(ns);
    link.exec(ns, 'nft', ['-f', '-'], {
      input: `table inet wardkit_test {\n chain input {\n  type filter hook input priority 0; policy accept;\n  ${match} numgen random mod 1000 < ${Math.round(percent * 10)} counter drop\n }\n}\n`,
    });
  };
  const dropped = (ns: string): number => {
    const out = link.exec(ns, 'nft', ['list', 'table', 'inet', 'wardkit_test']);
    return Number(/counter packets (\d+)/.exec(out)?.[1] ?? NaN);
  };

  it.each([
    { upPct: 2, downPct: 5 },
    { upPct: 5, downPct: 2 },
  ])(
    'uplink $upPct % and downlink $downPct % are measured within ±0.7 pp, each in its own direction',
    ({ upPct, downPct }) => {
      drop(link.nsB, upPct, `udp dport ${PORT}`);
      drop(link.nsA, downPct, `udp sport ${PORT}`);
      const profile = testProfile({ probeSeconds: 60, probeRatePps: 100 });
      const { report } = checkInNs(
        link,
        link.nsA,
        ['--only', 'latency', '--profile', profile, '--server', url],
        120_000,
      );
      const r = report.results.find((x: { checkId: string }) => x.checkId === 'latency');
      const m = Object.fromEntries(r.metrics.map((x: { id: string; value: number }) => [x.id, x.value]));
      const sent = r.details.sent as number;
      const truthUp = (100 * dropped(link.nsB)) / sent;
      // Downlink: what B's reflector sent is the base (stats replies are few and also counted).
      const truthDown = (100 * dropped(link.nsA)) / r.details.reflectorSent;
      console.log(
        JSON.stringify({
          upPct,
          downPct,
          sent,
          lossUplink: m.lossUplink,
          truthUp,
          lossDownlink: m.lossDownlink,
          truthDown,
          statsKnown: r.details.statsKnown,
        }),
      );
      expect(sent).toBeGreaterThanOrEqual(5900);
      expect(Math.abs(m.lossUplink - upPct)).toBeLessThanOrEqual(0.7);
      expect(Math.abs(m.lossDownlink - downPct)).toBeLessThanOrEqual(0.7);
      expect(Math.abs(m.lossUplink - truthUp)).toBeLessThanOrEqual(0.1);
      expect(Math.abs(m.lossDownlink - truthDown)).toBeLessThanOrEqual(0.1);
      link.clearNft(link.nsA);
      link.clearNft(link.nsB);
    },
    150_000,
  );

  it('fails with "UDP blocked" when no probe packet gets through', () => {
    link.blockUdpPort(link.nsB, PORT);
    const profile = testProfile({ probeSeconds: 5 });
    const t0 = Date.now();
    const { report, exitCode } = checkInNs(
      link,
      link.nsA,
      ['--only', 'latency', '--profile', profile, '--server', url],
      30_000,
    );
    const r = report.results.find((x: { checkId: string }) => x.checkId === 'latency');
    expect(r.status).toBe('fail');
    expect(r.findings.map((f: { key: string }) => f.key)).toContain('latency.udpBlocked');
    expect(exitCode).toBe(2);
    expect(Date.now() - t0).toBeLessThan(10_000); // gives up early, within the deadline
    link.clearNft(link.nsB);
  }, 60_000);
});
