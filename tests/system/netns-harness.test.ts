// The harness itself: a link shaped with tbf carries about the shaped rate (iperf3 as the judge),
// and cleanup removes the namespaces.
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { createLink, type NsLink } from '../helpers/netns.js';
import { systemUnavailable } from '../helpers/system.js';

const why = systemUnavailable(['ip', 'tc', 'nft', 'iperf3']);

describe.skipIf(why)('network namespace harness', () => {
  let link: NsLink | undefined;
  afterAll(() => link?.cleanup());

  it('shapes a veth link with tbf to within 7 % of the rate (iperf3)', async () => {
    link = createLink();
    link.shape(10);
    const server = link.spawn(link.nsB, 'iperf3', ['-s', '-1', '-B', link.ipB]);
    await new Promise((r) => setTimeout(r, 500));
    // The first second omitted (-O 1: TCP slow start), as net-bandwidth.test.ts's iperf3 does: one CI
    // run read 8.72 Mbit/s over a 3 s run that included it.
    const out = link.exec(link.nsA, 'iperf3', ['-c', link.ipB, '-t', '4', '-O', '1', '-J'], { timeoutMs: 20_000 });
    const mbps = JSON.parse(out).end.sum_received.bits_per_second / 1e6;
    expect(mbps).toBeGreaterThan(10 * 0.9);
    expect(mbps).toBeLessThan(10 * 1.02);
    server.kill();
    const names = [link.nsA, link.nsB];
    link.cleanup();
    link = undefined;
    const listed = execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' });
    for (const n of names) expect(listed).not.toContain(n);
  });
});
