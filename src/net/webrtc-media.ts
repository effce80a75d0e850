// The media a test call sends: VP8 video and Opus audio encoded by ffmpeg into RTP on local UDP
// ports, or RTP packets recorded once and replayed (load tests: many calls, one encoder).
import dgram from 'node:dgram';
import { performance } from 'node:perf_hooks';
import { runFfmpeg, type FfmpegBinary } from '../media/ffmpeg.js';
import { inputArgs, parseDeviceUri } from '../media/uri.js';
import type { RunResult } from '../proc/process.js';

export type RtpSink = (kind: 'video' | 'audio', packet: Buffer) => void;

/** Something that pushes RTP packets for `durationS` seconds, then resolves. */
export interface MediaFeed {
  describe: string;
  run(sink: RtpSink, durationS: number, signal: AbortSignal): Promise<void>;
}

export interface VideoSpec {
  width: number;
  height: number;
  frameRate: number;
  bitrateKbps: number;
}

export interface EncodeSpec {
  ffmpeg: FfmpegBinary;
  video: VideoSpec;
  audioBitrateKbps: number;
  /** Device URIs of the room's camera and microphone; lavfi/file/v4l2/… are opened, others simulated. */
  cameraUri?: string;
  microphoneUri?: string;
  /** false: encode as fast as the CPU allows (recording for replay); default true (-re, live pace). */
  realtime?: boolean;
}

const LIVE_VIDEO = ['v4l2', 'dshow', 'avfoundation'];
const LIVE_AUDIO = ['alsa', 'pulse', 'dshow', 'avfoundation'];

/** What chooses a call's ffmpeg inputs (the werift engine's encoders, the libwebrtc engine's decoders). */
export type InputSpec = Pick<EncodeSpec, 'video' | 'cameraUri' | 'microphoneUri' | 'realtime'>;

/**
 * The input side of the call's two ffmpeg processes, one per stream: the room's camera and
 * microphone (lavfi test signals when there are none or they cannot be opened), the one stream each
 * takes, and how many seconds of it.
 */
export function callInputArgs(spec: InputSpec, durationS: number): { video: string[]; audio: string[] } {
  const { width, height, frameRate } = spec.video;
  const synthVideo = ['-re', '-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}:rate=${frameRate}`];
  const synthAudio = ['-re', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:samples_per_frame=960'];
  const pick = (uri: string | undefined, live: string[], synth: string[], wish: Parameters<typeof inputArgs>[1]) => {
    if (!uri) return synth;
    try {
      const u = parseDeviceUri(uri);
      if (live.includes(u.backend)) return inputArgs(u, wish);
      if (u.backend === 'lavfi' || u.backend === 'file') return ['-re', ...inputArgs(u, wish)];
    } catch {
      /* fall through to the synthetic source */
    }
    return synth;
  };
  const noRe = (a: string[]) => (spec.realtime === false ? a.filter((x) => x !== '-re') : a);
  const head = (input: string[], stream: string) => [
    '-loglevel',
    'error',
    ...input,
    '-map',
    stream,
    '-t',
    String(durationS),
  ];
  return {
    video: head(noRe(pick(spec.cameraUri, LIVE_VIDEO, synthVideo, { width, height, frameRate })), '0:v:0'),
    audio: head(noRe(pick(spec.microphoneUri, LIVE_AUDIO, synthAudio, { sampleRate: 48000, channels: 1 })), '0:a:0'),
  };
}

/** Frames of exactly the call's size, rate and pixel format (a frame already so passes untouched). */
export const scaleFilter = ({ width, height, frameRate }: VideoSpec): string =>
  `scale=${width}:${height}:flags=fast_bilinear,fps=${frameRate},format=yuv420p`;

/**
 * Throws when one of a call's ffmpeg processes failed, in the words the call check maps to a finding
 * ("did not finish … within …" is a busy computer). An abort by the caller is not a failure.
 */
export function throwIfFfmpegFailed(results: RunResult[], durationS: number, limitS: number): void {
  for (const r of results) {
    if (r.spawnError) throw new Error(`ffmpeg cannot start: ${r.spawnError.code ?? r.spawnError.message}`);
    if (r.timedOut)
      throw new Error(`ffmpeg did not finish ${durationS} s of media within ${limitS} s (the computer is too busy)`);
    if (!r.aborted && r.exitCode !== 0)
      throw new Error(`ffmpeg exited with ${r.exitCode}: ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  }
}

/** ffmpeg arguments of the two encoders (one process per stream, so a slow video frame never delays audio). */
export function encoderArgs(
  spec: EncodeSpec,
  durationS: number,
  videoPort: number,
  audioPort: number,
): { video: string[]; audio: string[] } {
  const { frameRate, bitrateKbps } = spec.video;
  const inputs = callInputArgs(spec, durationS);
  const b = `${bitrateKbps}k`;
  return {
    video: [
      ...inputs.video,
      // Scaling costs a whole core at 720p (measured 3–4× the encoder's CPU): only file sources get it;
      // devices are opened at the wanted size and lavfi graphs carry their own size.
      '-vf',
      /^file:/.test(spec.cameraUri ?? '') ? scaleFilter(spec.video) : 'format=yuv420p',
      // cpu-used −16: the fastest *static* speed. A positive value lets libvpx adapt its speed to fill the
      // frame time in realtime mode (it then used 5–8× more CPU for the same bitrate here).
      '-c:v',
      'libvpx',
      '-b:v',
      b,
      '-minrate',
      b,
      '-maxrate',
      b,
      '-bufsize',
      `${Math.round(bitrateKbps / 2)}k`,
      '-deadline',
      'realtime',
      '-cpu-used',
      '-16',
      '-lag-in-frames',
      '0',
      '-auto-alt-ref',
      '0',
      '-error-resilient',
      '1',
      '-g',
      String(Math.round(frameRate * 2)),
      '-threads',
      '2',
      '-f',
      'rtp',
      '-payload_type',
      '96',
      `rtp://127.0.0.1:${videoPort}?pkt_size=1200`,
    ],
    audio: [
      ...inputs.audio,
      '-c:a',
      'libopus',
      '-b:a',
      `${spec.audioBitrateKbps}k`,
      '-ar',
      '48000',
      '-ac',
      '2',
      '-application',
      'voip',
      '-frame_duration',
      '20',
      '-f',
      'rtp',
      '-payload_type',
      '111',
      `rtp://127.0.0.1:${audioPort}?pkt_size=1200`,
    ],
  };
}

async function bindLocal(): Promise<dgram.Socket> {
  const s = dgram.createSocket('udp4');
  await new Promise<void>((resolve, reject) => {
    s.once('error', reject);
    s.bind(0, '127.0.0.1', () => resolve());
  });
  try {
    s.setRecvBufferSize?.(4 * 1024 * 1024);
  } catch {
    // A size the OS refuses (Wine; a locked-down Windows) only means the default buffer.
  }
  return s;
}

/** RTP (not RTCP: packet types 200–204 in the second byte) with version 2. */
export const isRtp = (b: Buffer): boolean => b.length >= 12 && b[0] >> 6 === 2 && !(b[1] >= 192 && b[1] <= 223);

/** Encode live with ffmpeg (one process per stream). */
export function ffmpegFeed(spec: EncodeSpec): MediaFeed {
  return {
    describe: `ffmpeg VP8 ${spec.video.width}x${spec.video.height}@${spec.video.frameRate} ${spec.video.bitrateKbps} kbit/s + Opus ${spec.audioBitrateKbps} kbit/s`,
    async run(sink, durationS, signal) {
      const v = await bindLocal();
      const a = await bindLocal();
      try {
        v.on('message', (m) => isRtp(m) && sink('video', m));
        a.on('message', (m) => isRtp(m) && sink('audio', m));
        const args = encoderArgs(spec, durationS, v.address().port, a.address().port);
        const limitS = spec.realtime === false ? durationS * 5 + 60 : durationS + 15;
        const results = await Promise.all(
          [args.video, args.audio].map((x) => runFfmpeg(spec.ffmpeg, x, { timeoutMs: limitS * 1000, signal })),
        );
        throwIfFfmpegFailed(results, durationS, limitS);
        await new Promise((res) => setTimeout(res, 50)); // last datagrams
      } finally {
        v.close();
        a.close();
      }
    },
  };
}

export interface RecordedPacket {
  kind: 'video' | 'audio';
  atMs: number;
  data: Buffer;
}

const CLOCK = { video: 90000, audio: 48000 } as const;

/**
 * Encode once and keep every packet, timed by its RTP timestamp (not by when the encoder produced
 * it), so a replay is paced like live media however fast or slow the encoder ran.
 */
export async function recordFeed(feed: MediaFeed, durationS: number, signal: AbortSignal): Promise<RecordedPacket[]> {
  const out: RecordedPacket[] = [];
  const first: Partial<Record<'video' | 'audio', number>> = {};
  const seq = { video: 0, audio: 0 };
  await feed.run(
    (kind, data) => {
      const ts = data.readUInt32BE(4);
      first[kind] ??= ts;
      const ticks = (ts - first[kind]! + 2 ** 32) % 2 ** 32;
      const copy = Buffer.from(data);
      // Contiguous sequence numbers: a datagram the recording missed must not replay as a gap
      // (the receiver would count it as lost in every call).
      copy.writeUInt16BE(seq[kind]++ & 0xffff, 2);
      out.push({ kind, atMs: (ticks / CLOCK[kind]) * 1000, data: copy });
    },
    durationS,
    signal,
  );
  return out.sort((a, b) => a.atMs - b.atMs);
}

/** Replay recorded packets at their media pace (the sender gives each call its own SSRC/seq/timestamps). */
export function replayFeed(packets: RecordedPacket[], label = 'replayed RTP'): MediaFeed {
  return {
    describe: label,
    async run(sink, durationS, signal) {
      const t0 = performance.now();
      const end = durationS * 1000;
      let i = 0;
      while (i < packets.length && !signal.aborted) {
        const now = performance.now() - t0;
        if (now >= end) break;
        while (i < packets.length && packets[i].atMs <= now) {
          const p = packets[i++];
          sink(p.kind, Buffer.from(p.data));
        }
        const next = packets[i] ? packets[i].atMs - (performance.now() - t0) : 0;
        await new Promise((r) => setTimeout(r, Math.max(1, Math.min(next, 20))));
      }
    },
  };
}
