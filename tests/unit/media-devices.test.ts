// Parsers of the device listings (ffmpeg, pactl, v4l2-ctl) and of ffmpeg's capability listings.
import { describe, expect, it } from 'vitest';
import {
  isAlsaHardware,
  parseAvfoundationListing,
  parseDshowListing,
  parseSourcesListing,
} from '../../src/media/devices/ffmpeg-list.js';
import { mergeDevices } from '../../src/media/devices/index.js';
import { parsePactlList } from '../../src/media/devices/pulse.js';
import { parseV4l2Formats } from '../../src/media/devices/v4l2.js';
import { parseDevices, parseListing, parseVersion } from '../../src/media/capabilities.js';

describe('ffmpeg device listings', () => {
  it('-sources pulse / alsa, default marked, multi-line ALSA descriptions', () => {
    const text = [
      'Auto-detected sources for pulse:',
      '* alsa_input.usb-Jabra_SPEAK_510-00.mono-fallback [Jabra SPEAK 510 Mono] (audio)',
      '  room_speaker.monitor [Monitor of Micrô phòng họp "UBND"] (audio)',
      'Auto-detected sources for alsa:',
      '  hw:CARD=PCH,DEV=0 [HDA Intel PCH, ALC892 Analog',
      'Direct hardware device without any conversions] (audio)',
      '  null [Discard all samples (playback) or generate zero samples (capture)] (none)',
    ].join('\n');
    expect(parseSourcesListing(text)).toEqual([
      { name: 'alsa_input.usb-Jabra_SPEAK_510-00.mono-fallback', description: 'Jabra SPEAK 510 Mono', isDefault: true },
      { name: 'room_speaker.monitor', description: 'Monitor of Micrô phòng họp "UBND"', isDefault: false },
      {
        name: 'hw:CARD=PCH,DEV=0',
        description: 'HDA Intel PCH, ALC892 Analog Direct hardware device without any conversions',
        isDefault: false,
      },
      {
        name: 'null',
        description: 'Discard all samples (playback) or generate zero samples (capture)',
        isDefault: false,
      },
    ]);
    expect(isAlsaHardware('hw:CARD=PCH,DEV=0')).toBe(true);
    expect(isAlsaHardware('null')).toBe(false);
  });
  it('dshow -list_devices (ffmpeg ≥ 5 and older section format)', () => {
    const v5 = [
      '[dshow @ 0000] "Logitech BRIO" (video)',
      '[dshow @ 0000]   Alternative name "@device_pnp_\\\\?\\usb#vid_046d"',
      '[dshow @ 0000] "Microphone (Jabra SPEAK 510)" (audio)',
      '[dshow @ 0000] "OBS Virtual Camera" (none)',
    ].join('\n');
    expect(parseDshowListing(v5)).toEqual([
      { name: 'Logitech BRIO', kind: 'video' },
      { name: 'Microphone (Jabra SPEAK 510)', kind: 'audio' },
    ]);
    const v4 = [
      '[dshow @ 0] DirectShow video devices (some may be both video and audio devices)',
      '[dshow @ 0]  "HD Webcam"',
      '[dshow @ 0] DirectShow audio devices',
      '[dshow @ 0]  "Micrô (Realtek)"',
    ].join('\n');
    expect(parseDshowListing(v4)).toEqual([
      { name: 'HD Webcam', kind: 'video' },
      { name: 'Micrô (Realtek)', kind: 'audio' },
    ]);
  });
  it('avfoundation -list_devices', () => {
    const t = [
      '[AVFoundation indev @ 0x1] AVFoundation video devices:',
      '[AVFoundation indev @ 0x1] [0] FaceTime HD Camera',
      '[AVFoundation indev @ 0x1] [1] Capture screen 0',
      '[AVFoundation indev @ 0x1] AVFoundation audio devices:',
      '[AVFoundation indev @ 0x1] [0] MacBook Pro Microphone',
    ].join('\n');
    expect(parseAvfoundationListing(t)).toEqual([
      { index: '0', name: 'FaceTime HD Camera', kind: 'video' },
      { index: '1', name: 'Capture screen 0', kind: 'video' },
      { index: '0', name: 'MacBook Pro Microphone', kind: 'audio' },
    ]);
  });
});

describe('pactl', () => {
  it('text format (the one read: pactl 16 -f json writes "(null)" for non-ASCII strings)', () => {
    const t = [
      'Source #0',
      '\tState: SUSPENDED',
      '\tName: room_speaker.monitor',
      '\tDescription: Monitor of room_speaker',
      '\tDriver: module-null-sink.c',
      '\tSample Specification: s16le 2ch 44100Hz',
      '\tMonitor of Sink: room_speaker',
      '\tProperties:',
      '\t\tdevice.description = "Monitor of room_speaker"',
      '\t\tdevice.class = "monitor"',
      '',
      'Source #1',
      '\tName: alsa_input.usb-Jabra',
      '\tDescription: Micrô "UBND" ; rm -rf /',
      '\tMonitor of Sink: n/a',
      '\tProperties:',
      '\t\tdevice.vendor.name = "GN Netcom A/S"',
    ].join('\n');
    const e = parsePactlList(t);
    expect(e.map((x) => [x.name, x.description, x.monitorOf])).toEqual([
      ['room_speaker.monitor', 'Monitor of room_speaker', 'room_speaker'],
      ['alsa_input.usb-Jabra', 'Micrô "UBND" ; rm -rf /', undefined],
    ]);
    expect(e[1].properties['device.vendor.name']).toBe('GN Netcom A/S');
  });
});

describe('v4l2-ctl and merging', () => {
  it('--list-formats-ext', () => {
    const t = [
      'ioctl: VIDIOC_ENUM_FMT',
      '\tType: Video Capture',
      '',
      "\t[0]: 'MJPG' (Motion-JPEG, compressed)",
      '\t\tSize: Discrete 1920x1080',
      '\t\t\tInterval: Discrete 0.033s (30.000 fps)',
      '\t\t\tInterval: Discrete 0.040s (25.000 fps)',
      '\t\tSize: Discrete 1280x720',
      '\t\t\tInterval: Discrete 0.017s (60.000 fps)',
      "\t[1]: 'YUYV' (YUYV 4:2:2)",
      '\t\tSize: Discrete 640x480',
      '\t\t\tInterval: Discrete 0.033s (30.000 fps)',
    ].join('\n');
    expect(parseV4l2Formats(t)).toEqual([
      {
        format: 'MJPG',
        sizes: [
          { size: '1920x1080', fps: [30, 25] },
          { size: '1280x720', fps: [60] },
        ],
      },
      { format: 'YUYV', sizes: [{ size: '640x480', fps: [30] }] },
    ]);
  });
  it('merges by URI and keeps the first source, filling in the rest', () => {
    const m = mergeDevices([
      [{ kind: 'microphone', uri: 'pulse:a', name: 'Jabra', source: 'pactl' }],
      [
        { kind: 'microphone', uri: 'pulse:a', name: 'a', source: 'ffmpeg-pulse', isDefault: true, vendor: 'GN' },
        { kind: 'camera', uri: 'v4l2:/dev/video0', name: 'BRIO', source: 'v4l2' },
      ],
    ]);
    expect(m).toEqual([
      { kind: 'camera', uri: 'v4l2:/dev/video0', name: 'BRIO', source: 'v4l2' },
      {
        kind: 'microphone',
        uri: 'pulse:a',
        name: 'Jabra',
        source: 'pactl+ffmpeg-pulse',
        isDefault: true,
        vendor: 'GN',
      },
    ]);
  });
});

describe('ffmpeg capability listings', () => {
  it('-devices, -filters, -encoders, -version', () => {
    const dev =
      'Devices:\n D. = Demuxing supported\n .E = Muxing supported\n --\n DE alsa            ALSA audio output\n D  lavfi           Libavfilter virtual input device\n DE pulse           Pulse audio output\n DE video4linux2,v4l2 Video4Linux2 output device\n  E sdl,sdl2        SDL2 output device\n';
    const d = parseDevices(dev);
    expect(d.find((x) => x.names.includes('v4l2'))).toMatchObject({
      input: true,
      output: true,
      names: ['video4linux2', 'v4l2'],
    });
    expect(d.find((x) => x.names.includes('sdl'))).toMatchObject({ input: false, output: true });
    const filters =
      'Filters:\n  T.. = Timeline support\n  ... = ...\n  | = Source or sink filter\n ... blackdetect       V->V       Detect video intervals that are (almost) black.\n TS. signalstats       V->V       Generate statistics\n ... aevalsrc          |->A       Generate an audio signal generated by an expression.\n';
    expect(parseListing(filters)).toEqual(['blackdetect', 'signalstats', 'aevalsrc']);
    const enc =
      'Encoders:\n V..... = Video\n ------\n V....D libx264              libx264 H.264\n A....D libopus              libopus Opus\n';
    expect(parseListing(enc)).toEqual(['libx264', 'libopus']);
    expect(parseVersion('ffmpeg version 5.1.9-0+deb12u1 Copyright (c) 2000-2026')).toBe('5.1.9-0+deb12u1');
  });
});
