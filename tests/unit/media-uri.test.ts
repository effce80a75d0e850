// Device URI → ffmpeg arguments, per backend; hostile names must arrive as ONE argv element.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runFfmpeg } from '../../src/media/ffmpeg.js';
import { audioOutputArgs, inputArgs, parseDeviceUri, UriError } from '../../src/media/uri.js';
import { microphoneInput } from '../../src/checks/microphone.js';
import { tempDir } from '../helpers/temp.js';

const FAKE = fileURLToPath(new URL('../fixtures/fake-ffmpeg.mjs', import.meta.url));
const HOSTILE = [
  'Micrô phòng họp "UBND" ; rm -rf /',
  "it's $(reboot) `id` && echo pwned | tee /tmp/x",
  'Camera\tTab  two  spaces * ? [a] ~ > < \\ %',
  'Loa (Realtek® High Definition Audio) #2',
];

describe('parseDeviceUri', () => {
  it('splits backend and target at the first colon only', () => {
    expect(parseDeviceUri('alsa:hw:1,0')).toEqual({ backend: 'alsa', target: 'hw:1,0' });
    expect(parseDeviceUri('dshow:video=Logitech BRIO:audio=Mic')).toEqual({
      backend: 'dshow',
      target: 'video=Logitech BRIO:audio=Mic',
    });
  });
  it('parses sim parameters', () => {
    const u = parseDeviceUri('sim:room?delay=40&gain=-20&noise=-65&talker=-26');
    expect(u.sim).toEqual({ kind: 'room', params: { delay: '40', gain: '-20', noise: '-65', talker: '-26' } });
  });
  it('rejects unknown backends and empty targets', () => {
    expect(() => parseDeviceUri('rtsp://cam')).toThrow(UriError);
    expect(() => parseDeviceUri('v4l2:')).toThrow(/empty target/);
    expect(() => parseDeviceUri('nocolon')).toThrow(/BACKEND:TARGET/);
  });
});

describe('inputArgs per backend', () => {
  const wish = { width: 1280, height: 720, frameRate: 30 };
  it.each([
    ['v4l2:/dev/video0', wish, ['-f', 'v4l2', '-video_size', '1280x720', '-framerate', '30', '-i', '/dev/video0']],
    [
      'dshow:video=Logitech BRIO',
      wish,
      ['-f', 'dshow', '-video_size', '1280x720', '-framerate', '30', '-i', 'video=Logitech BRIO'],
    ],
    [
      'dshow:audio=Microphone (Jabra SPEAK 510)',
      { sampleRate: 48000, channels: 1 },
      ['-f', 'dshow', '-sample_rate', '48000', '-channels', '1', '-i', 'audio=Microphone (Jabra SPEAK 510)'],
    ],
    ['avfoundation:0', wish, ['-f', 'avfoundation', '-video_size', '1280x720', '-framerate', '30', '-i', '0']],
    ['avfoundation::1', {}, ['-f', 'avfoundation', '-i', ':1']],
    [
      'alsa:hw:1,0',
      { sampleRate: 48000, channels: 1 },
      ['-f', 'alsa', '-sample_rate', '48000', '-channels', '1', '-i', 'hw:1,0'],
    ],
    [
      'pulse:alsa_input.usb-Jabra.mono',
      { sampleRate: 48000, channels: 1 },
      ['-f', 'pulse', '-sample_rate', '48000', '-channels', '1', '-i', 'alsa_input.usb-Jabra.mono'],
    ],
    ['lavfi:testsrc2=size=1280x720:rate=30', wish, ['-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=30']],
    ['file:/tmp/a b/clip.mp4', wish, ['-i', '/tmp/a b/clip.mp4']],
  ])('%s', (uri, w, expected) => {
    expect(inputArgs(parseDeviceUri(uri), w)).toEqual(expected);
  });
  it('sim and display are not ffmpeg inputs', () => {
    expect(() => inputArgs(parseDeviceUri('sim:room'))).toThrow(UriError);
    expect(() => inputArgs(parseDeviceUri('display:HDMI-1'))).toThrow(UriError);
  });
  it('a sim:room microphone becomes one lavfi graph argument', () => {
    const args = microphoneInput(parseDeviceUri('sim:room?talker=-26&noise=-70'));
    expect(args.slice(0, 3)).toEqual(['-f', 'lavfi', '-i']);
    expect(args).toHaveLength(4);
    expect(args[3]).toMatch(/^aevalsrc=exprs='.*':s=48000:c=mono$/);
    expect(microphoneInput(parseDeviceUri('sim:room?mute=1'))[3]).toBe('aevalsrc=exprs=0:s=48000:c=mono');
  });
  it('audio output arguments', () => {
    expect(audioOutputArgs(parseDeviceUri('alsa:hw:0,0'))).toEqual(['-f', 'alsa', 'hw:0,0']);
    // A 200 ms buffer: with PulseAudio's default a 1.5 s clip is never heard (docs/loopback.md).
    expect(audioOutputArgs(parseDeviceUri('pulse:room_speaker'))).toEqual([
      '-f',
      'pulse',
      '-buffer_duration',
      '200',
      '-device',
      'room_speaker',
      'wardkit test tone',
    ]);
  });
});

describe('hostile device names reach ffmpeg as one argv element', () => {
  const dir = tempDir('wardkit-argv-');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const cases: Array<[string, (name: string) => string, (name: string) => string]> = [
    ['v4l2', (n) => `v4l2:/dev/${n}`, (n) => `/dev/${n}`],
    ['alsa', (n) => `alsa:${n}`, (n) => n],
    ['pulse', (n) => `pulse:${n}`, (n) => n],
    ['dshow video', (n) => `dshow:video=${n}`, (n) => `video=${n}`],
    ['dshow audio', (n) => `dshow:audio=${n}`, (n) => `audio=${n}`],
    ['avfoundation', (n) => `avfoundation:${n}`, (n) => n],
    ['lavfi', (n) => `lavfi:${n}`, (n) => n],
    ['file', (n) => `file:${dir}/${n}`, (n) => `${dir}/${n}`],
  ];
  let k = 0;
  for (const [label, toUri, expectedTarget] of cases) {
    it.each(HOSTILE)(`${label}: %s`, async (name) => {
      const argvFile = join(dir, `argv-${k++}.json`);
      const args = inputArgs(parseDeviceUri(toUri(name)), { sampleRate: 48000 });
      const r = await runFfmpeg({ path: FAKE, source: 'explicit' }, [...args, '-f', 'null', '-'], {
        timeoutMs: 10_000,
        env: { FAKE_FFMPEG_MODE: 'record', FAKE_FFMPEG_ARGV: argvFile },
      });
      expect(r.exitCode).toBe(0);
      const received = JSON.parse(readFileSync(argvFile, 'utf8')) as string[];
      expect(received).toEqual(['-hide_banner', '-nostdin', ...args, '-f', 'null', '-']);
      expect(received.filter((a) => a === expectedTarget(name))).toHaveLength(1);
      expect(received[received.indexOf('-i') + 1]).toBe(expectedTarget(name));
    });
  }
  it('pulse speaker output name stays one element', async () => {
    const argvFile = join(dir, 'argv-out.json');
    const out = audioOutputArgs(parseDeviceUri(`pulse:${HOSTILE[0]}`));
    await runFfmpeg({ path: FAKE, source: 'explicit' }, out, {
      timeoutMs: 10_000,
      env: { FAKE_FFMPEG_MODE: 'record', FAKE_FFMPEG_ARGV: argvFile },
    });
    const received = JSON.parse(readFileSync(argvFile, 'utf8')) as string[];
    expect(received[received.indexOf('-device') + 1]).toBe(HOSTILE[0]);
  });
});
