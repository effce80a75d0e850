// Bandwidth truth: two namespaces joined by veth, shaped with tc tbf at 2, 10 and 50 Mbit/s.
// `wardkit serve` runs in B, `wardkit check --only bandwidth` in A. Truth: the shaped rate, and
// iperf3 (4 streams, first second omitted) on the same link in the same test.
// Truth: tbf counts whole Ethernet frames, so the link's TCP goodput is rate × 1448 / 1514 (payload per
// frame: Ethernet 14 + IP 20 + TCP with timestamps 32 bytes of headers; iperf3 reads 47.8 on 50 Mbit/s,
// 0.956). wardkit must be within 5 % of that goodput — above it is the dangerous side (a line read
// faster than it is) — plus, above, what the token bucket's burst can add to the window (at 2 Mbit/s,
// 32 kB in a 3 s window is 4.5 %), and within 5 % of iperf3 on the same link.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLink, type NsLink } from '../helpers/netns.js';
import { systemUnavailable } from '../helpers/system.js';
import { checkInNs, serveInNs, testProfile } from '../helpers/wardkit-ns.js';

const why = systemUnavailable(['ip', 'tc', 'iperf3']);

describe.skipIf(why)('bandwidth against a tbf-shaped link', () => {
  let link: NsLink;
  let url: string;
  let profile: string;
  let iperfPort = 5201 + (process.pid % 1000);
  beforeAll(async () => {
    link = createLink();
    ({ url } = await serveInNs(link, link.nsB, link.ipB, 8470));
    profile = testProfile({ bandwidthSeconds: 5 });
  });
  afterAll(() => link?.cleanup());

  /** iperf3, 4 streams like wardkit, 5 s with the first second omitted (slow start), fresh server each run. */
  const iperf = async (reverse: boolean) => {
    const port = iperfPort++;
    link.spawn(link.nsB, 'iperf3', ['-s', '-1', '-B', link.ipB, '-p', String(port)]);
    await new Promise((r) => setTimeout(r, 400));
    const out = link.exec(
      link.nsA,
      'iperf3',
      ['-c', link.ipB, '-p', String(port), '-t', '5', '-O', '1', '-P', '4', '-J', ...(reverse ? ['-R'] : [])],
      { timeoutMs: 30_000 },
    );
    const j = JSON.parse(out);
    if (!j.end?.sum_received) throw new Error(`iperf3: ${j.error ?? out.slice(0, 300)}`);
    return j.end.sum_received.bits_per_second / 1e6;
  };

  it.each([2, 10, 50, 100, 300])(
    'measures %i Mbit/s within 5 % of the link goodput and of iperf3, both directions',
    async (rate) => {
      const burstBytes = link.shape(rate);
      const { report } = checkInNs(
        link,
        link.nsA,
        ['--only', 'bandwidth', '--profile', profile, '--server', url],
        60_000,
      );
      const r = report.results.find((x: { checkId: string }) => x.checkId === 'bandwidth');
      const m = Object.fromEntries(r.metrics.map((x: { id: string; value: number }) => [x.id, x.value]));
      const ipUp = await iperf(false);
      const ipDown = await iperf(true);
      const goodput = (rate * 1448) / 1514;
      const row = {
        rate,
        goodput,
        wardkitDown: m.downloadMbps,
        iperfDown: ipDown,
        wardkitUp: m.uploadMbps,
        iperfUp: ipUp,
        seconds: r.durationMs / 1000,
        downSeconds: r.details.download.elapsedSeconds,
        upSeconds: r.details.upload.elapsedSeconds,
        loadedIncrease: m.loadedRttIncrease,
      };
      console.log(JSON.stringify(row));
      // The goodput verdicts (the check's status also carries the loaded-latency verdict: this link's
      // tbf queue is 50 ms + burst, which TCP fills — net-bufferbloat.test.ts judges that).
      const verdict = Object.fromEntries(r.metrics.map((x: { id: string; verdict?: string }) => [x.id, x.verdict]));
      expect([verdict.downloadMbps, verdict.uploadMbps]).toEqual(['pass', 'pass']);
      for (const [ours, theirs, windowSeconds] of [
        [m.downloadMbps, ipDown, r.details.download.windowSeconds],
        [m.uploadMbps, ipUp, r.details.upload.windowSeconds],
      ]) {
        expect(ours).toBeGreaterThanOrEqual(0.95 * goodput);
        expect(ours).toBeLessThanOrEqual(1.05 * goodput + (burstBytes * 8) / 1e6 / windowSeconds);
        expect(Math.abs(ours - theirs) / theirs).toBeLessThanOrEqual(0.05);
      }
      // The throughput series for the report is there, one point per 250 ms.
      expect(r.details.throughput.download.mbps.length).toBeGreaterThan(4);
      expect(r.details.throughput.upload.t.length).toBe(r.details.throughput.upload.mbps.length);
      // Bounded time: ≤ bandwidthSeconds per direction, the idle-latency second, set-up.
      expect(r.durationMs).toBeLessThan(2 * 5000 + 4000); // + 1 s of idle latency before the load
    },
    120_000,
  );

  it('network check: finds the veth interface towards the server, its link speed, and no gateway', () => {
    const { report } = checkInNs(link, link.nsA, ['--only', 'network', '--profile', profile, '--server', url], 30_000);
    const r = report.results.find((x: { checkId: string }) => x.checkId === 'network');
    expect(r.status).toBe('pass');
    expect(r.details.interface.address).toBe(link.ipA);
    expect(r.details.interface.iface).toMatch(/^wka/);
    const speed = r.metrics.find((m: { id: string }) => m.id === 'linkSpeed');
    expect(speed?.value).toBeGreaterThan(0); // veth reports 10000 Mbit/s
    expect(r.findings.map((f: { key: string }) => f.key)).toContain('network.noGateway');
    const tcp = r.metrics.find((m: { id: string }) => m.id === 'tcpConnect');
    expect(tcp.value).toBeGreaterThan(0);
    expect(tcp.value).toBeLessThan(100);
  }, 60_000);
});
