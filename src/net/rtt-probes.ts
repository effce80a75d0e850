// Round-trip time over a call's data channel, the same for both engines: a small JSON message
// `{ probe: n, pad }` that an echo server (wardkit's) sends back unchanged; one RTT a probe back.
import { performance } from 'node:perf_hooks';

/** What of a data channel the probes use (werift's and libwebrtc's both have it). */
export interface ProbeChannel {
  readonly readyState: string;
  send(data: string): void;
}

export class RttProbes {
  /** One round-trip time (ms) per probe that came back. */
  readonly rtts: number[] = [];
  private seq = 0;
  private readonly sentAt = new Map<number, number>();
  private backFirst: () => void = () => {};
  /** Resolves when the first probe comes back. */
  private readonly firstBack = new Promise<void>((resolve) => (this.backFirst = resolve));

  constructor(private readonly dc: ProbeChannel) {}

  /** A message from the channel: a probe of ours gives an RTT; anything else is not ours. */
  received(data: unknown): void {
    try {
      const m = JSON.parse(String(data)) as { probe?: number };
      const t = m.probe !== undefined ? this.sentAt.get(m.probe) : undefined;
      if (t === undefined) return;
      this.rtts.push(performance.now() - t);
      this.sentAt.delete(m.probe!);
      this.backFirst();
    } catch {
      /* not ours */
    }
  }

  /** Send one probe while the channel is open. */
  send(): void {
    if (this.dc.readyState !== 'open') return;
    const id = this.seq++;
    this.sentAt.set(id, performance.now());
    try {
      this.dc.send(JSON.stringify({ probe: id, pad: 'x'.repeat(64) }));
    } catch {
      /* closed */
    }
  }

  /**
   * Media starts once the path is confirmed both ways: the first probe came back (the server's
   * DTLS/SRTP is up — a packet sent earlier can be dropped by a server still finishing the
   * handshake, which is not network loss). A server without echo gets 1 s for the channel to open
   * and 1 s for the probe.
   */
  async pathConfirmed(opened: Promise<void>): Promise<void> {
    await Promise.race([opened, new Promise((res) => setTimeout(res, 1000))]);
    this.send();
    await Promise.race([this.firstBack, new Promise((res) => setTimeout(res, 1000))]);
  }
}
