// Raw media for the libwebrtc engine: the room's camera and microphone (or the same lavfi test
// signals the werift engine sends) decoded by ffmpeg into I420 frames and 10 ms blocks of 48 kHz mono
// PCM on pipes, so that libwebrtc itself encodes, adapts and paces them as a browser would.
// One ffmpeg per stream (a slow video frame never delays audio); each has a hard time limit and is
// killed with its children on timeout or abort (proc/process.ts).
import { runFfmpeg, type FfmpegBinary } from '../media/ffmpeg.js';
import { callInputArgs, scaleFilter, throwIfFfmpegFailed, type VideoSpec } from './webrtc-media.js';

export interface RawSpec {
  ffmpeg: FfmpegBinary;
  video: VideoSpec;
  cameraUri?: string;
  microphoneUri?: string;
}

export interface RawSinks {
  /** One I420 frame (width × height × 1.5 bytes; the buffer is reused: copy it to keep it). */
  frame(data: Uint8Array, width: number, height: number): void;
  /** 10 ms of 48 kHz mono signed 16-bit PCM (480 samples; reused likewise). */
  audio(samples: Int16Array): void;
}

export const AUDIO_RATE = 48000;
export const AUDIO_BLOCK = AUDIO_RATE / 100;

/** ffmpeg arguments of the two decoders: raw frames on stdout. */
export function rawArgs(spec: RawSpec, durationS: number): { video: string[]; audio: string[] } {
  const inputs = callInputArgs(spec, durationS);
  return {
    video: [
      ...inputs.video,
      // A raw frame must have exactly the size the reader expects, whatever the source gives (the scale
      // filter passes a frame of the right size and format through untouched).
      '-vf',
      scaleFilter(spec.video),
      '-f',
      'rawvideo',
      '-pix_fmt',
      'yuv420p',
      'pipe:1',
    ],
    audio: [...inputs.audio, '-ac', '1', '-ar', String(AUDIO_RATE), '-f', 's16le', 'pipe:1'],
  };
}

/** Cuts a byte stream into fixed-size records (frames, PCM blocks). */
export class Framer {
  private readonly buf: Uint8Array;
  private fill = 0;
  count = 0;
  constructor(
    readonly size: number,
    private readonly emit: (rec: Uint8Array) => void,
  ) {
    this.buf = new Uint8Array(size);
  }
  push(chunk: Uint8Array): void {
    let at = 0;
    while (at < chunk.length) {
      const n = Math.min(this.size - this.fill, chunk.length - at);
      this.buf.set(chunk.subarray(at, at + n), this.fill);
      this.fill += n;
      at += n;
      if (this.fill === this.size) {
        this.fill = 0;
        this.count++;
        this.emit(this.buf);
      }
    }
  }
}

export interface RawFeedResult {
  frames: number;
  audioBlocks: number;
}

/**
 * Decode for `durationS` seconds at live pace, handing each frame and PCM block to the sinks.
 * Throws with a message the call check maps to a finding (the same wording as the werift engine's
 * encoders: "did not finish … within …" means a busy computer).
 */
export async function runRawFeed(
  spec: RawSpec,
  sinks: RawSinks,
  durationS: number,
  signal: AbortSignal,
): Promise<RawFeedResult> {
  const { width, height } = spec.video;
  const args = rawArgs(spec, durationS);
  const video = new Framer((width * height * 3) / 2, (rec) => sinks.frame(rec, width, height));
  const pcm = new Int16Array(AUDIO_BLOCK);
  const audio = new Framer(AUDIO_BLOCK * 2, (rec) => {
    for (let i = 0; i < AUDIO_BLOCK; i++) pcm[i] = ((rec[2 * i] | (rec[2 * i + 1] << 8)) << 16) >> 16;
    sinks.audio(pcm);
  });
  const limitS = durationS + 15;
  const results = await Promise.all(
    [
      [args.video, video],
      [args.audio, audio],
    ].map(([a, framer]) =>
      runFfmpeg(spec.ffmpeg, a as string[], {
        timeoutMs: limitS * 1000,
        signal,
        onStdout: (c) => (framer as Framer).push(c),
        streamStdout: true,
      }),
    ),
  );
  throwIfFfmpegFailed(results, durationS, limitS);
  return { frames: video.count, audioBlocks: audio.count };
}
