// Pure analysis functions against signals whose truth is set here.
import { describe, expect, it } from 'vitest';
import { clippingRuns, decodeS16le, dropouts, summarizeLevels } from '../../src/media/analysis/pcm-levels.js';
import { coarseSpectrum } from '../../src/media/analysis/pcm-spectrum.js';
import { parseVideoAnalysis, summarizeVideo } from '../../src/media/analysis/video-metadata.js';
import { describeFfmpegFailure, parseInputStreams } from '../../src/media/ffmpeg.js';

const SR = 48000;
const sine = (hz: number, amp: number, seconds: number) =>
  Float32Array.from({ length: SR * seconds }, (_, i) => amp * Math.sin((2 * Math.PI * hz * i) / SR));

describe('pcm levels', () => {
  it('a sine of peak −20 dBFS has RMS −23.01 dBFS', () => {
    const s = summarizeLevels(sine(1000, 0.1, 2), SR, 6);
    expect(s.rmsDbfs).toBeCloseTo(-23.01, 1);
    expect(s.peakDbfs).toBeCloseTo(-20, 1);
    expect(s.clipping.longest).toBe(0);
    expect(s.dropouts).toEqual([]);
  });
  it('noise floor is the 10th percentile of 50 ms blocks', () => {
    const x = sine(500, 0.5, 2);
    for (let i = 0; i < SR * 0.4; i++) x[i] = 0.001 * Math.sin(i); // 0.4 s of quiet = 20 % of blocks
    const s = summarizeLevels(x, SR, 6);
    expect(s.noiseFloorDbfs).toBeLessThan(-60);
    expect(s.noiseFloorDbfs).toBeGreaterThan(-66);
  });
  it('counts runs of full-scale samples beyond the limit', () => {
    const x = new Float32Array(100);
    x.fill(1, 10, 17); // 7 in a row
    x.fill(-1, 50, 53); // 3 in a row
    expect(clippingRuns(x, 6)).toEqual({ longest: 7, runsOverLimit: 1, clippedSamples: 10 });
    expect(clippingRuns(x, 7).runsOverLimit).toBe(0);
  });
  it('finds digital-silence gaps inside the signal only', () => {
    const x = sine(1000, 0.1, 1);
    x.fill(0, 0, 4800); // leading silence: not a dropout
    x.fill(0, 24000, 24000 + 1200); // 25 ms
    x.fill(0, 30000, 30000 + 480); // 10 ms: too short
    const d = dropouts(x, SR, 20);
    expect(d).toHaveLength(1);
    expect(d[0].startMs).toBeCloseTo(500, 0);
    expect(d[0].durationMs).toBeGreaterThanOrEqual(25);
    expect(dropouts(new Float32Array(1000), SR)).toEqual([]);
  });
  it('DC offset and s16le decoding', () => {
    const b = Buffer.alloc(8);
    b.writeInt16LE(32767, 0);
    b.writeInt16LE(-32768, 2);
    b.writeInt16LE(16384, 4);
    const x = decodeS16le(b);
    expect([...x]).toEqual([32767 / 32768, -1, 0.5, 0]);
    const dc = Float32Array.from(sine(1000, 0.1, 1), (v) => v + 0.1);
    expect(summarizeLevels(dc, SR, 6).dcOffset).toBeCloseTo(0.1, 3);
  });
});

describe('coarse spectrum', () => {
  it('puts a 1 kHz sine in the band around 1 kHz, ~64 log-spaced bands', () => {
    const { freqHz, db } = coarseSpectrum(sine(1000, 0.5, 1), SR, 64);
    expect(freqHz).toHaveLength(64);
    const top = db.indexOf(Math.max(...db));
    expect(freqHz[top]).toBeGreaterThan(900);
    expect(freqHz[top]).toBeLessThan(1100);
    expect(db[top]).toBeCloseTo(20 * Math.log10(0.5) - 3, 0); // sine power a²/2
    for (let i = 1; i < freqHz.length; i++) expect(freqHz[i]).toBeGreaterThan(freqHz[i - 1]);
  });
});

describe('ffmpeg video metadata', () => {
  const frames = (n: number, fps: number, y = 100) =>
    Array.from(
      { length: n },
      (_, i) =>
        `[Parsed_metadata_3 @ 0x1] frame:${i}    pts:${i}    pts_time:${(i / fps).toFixed(6)}\n[Parsed_metadata_3 @ 0x1] lavfi.signalstats.YAVG=${y}`,
    ).join('\n');
  it('frame rate from timestamps, black and freeze fractions', () => {
    const log = `${frames(150, 30, 20)}\n[freezedetect @ 0x2] lavfi.freezedetect.freeze_start: 1\n[freezedetect @ 0x2] lavfi.freezedetect.freeze_duration: 2\n[freezedetect @ 0x2] lavfi.freezedetect.freeze_end: 3\n[blackdetect @ 0x3] black_start:0 black_end:2.5 black_duration:2.5`;
    const s = summarizeVideo(parseVideoAnalysis(log));
    expect(s.frames).toBe(150);
    expect(s.measuredFps).toBeCloseTo(30, 4);
    expect(s.spanSeconds).toBeCloseTo(5, 4);
    expect(s.blackFraction).toBeCloseTo(0.5, 4);
    expect(s.frozenFraction).toBeCloseTo(0.4, 4);
    expect(s.lumaMean).toBe(20);
  });
  it('a freeze still going at the end lasts to the end; a black run to EOF covers the last frame', () => {
    const log = `${frames(150, 30)}\n[freezedetect @ 0x2] lavfi.freezedetect.freeze_start: 0\n[blackdetect @ 0x3] black_start:0 black_end:4.96667 black_duration:4.96667`;
    const s = summarizeVideo(parseVideoAnalysis(log));
    expect(s.frozenFraction).toBe(1);
    expect(s.blackFraction).toBe(1);
  });
  it('stream lines and failures', () => {
    const err =
      "Input #0, video4linux2,v4l2, from '/dev/video0':\n  Stream #0:0: Video: mjpeg (Baseline), yuvj422p(pc, bt470bg/unknown/unknown), 1920x1080, 30 fps, 30 tbr, 1000k tbn\nInput #1\n";
    expect(parseInputStreams(err).video).toEqual({ codec: 'mjpeg', width: 1920, height: 1080, nominalFps: 30 });
    expect(
      parseInputStreams(
        "Input #0, pulse, from 'x':\n  Stream #0:0: Audio: pcm_s16le, 44100 Hz, 2 channels, s16, 1411 kb/s\n",
      ).audio,
    ).toEqual({ codec: 'pcm_s16le', sampleRate: 44100, channels: '2 channels' });
    expect(
      describeFfmpegFailure(
        '[video4linux2,v4l2 @ 0x1] Cannot open video device /dev/video99: No such file or directory\n/dev/video99: No such file or directory',
      ).kind,
    ).toBe('notFound');
    expect(describeFfmpegFailure("Unknown input format: 'pulse'").kind).toBe('noBackend');
    expect(describeFfmpegFailure('[v4l2 @ 0x1] ioctl(VIDIOC_STREAMON): Device or resource busy').kind).toBe('busy');
  });
});
