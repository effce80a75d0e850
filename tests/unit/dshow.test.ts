// DirectShow (Windows) device listing and URIs: the two listing formats ffmpeg has printed
// (section headers up to 4.x — the bundled win32 build is 4.1 — and "(video)"/"(audio)" tags
// since 5.0), names with quotes, colons and Vietnamese letters, duplicate names, and the
// "@device_pnp_…" / "@device_cm_…" alternative names that tell identical devices apart.
import { describe, expect, it } from 'vitest';
import { dshowDevices, parseDshowListing } from '../../src/media/devices/ffmpeg-list.js';
import { inputArgs, parseDeviceUri } from '../../src/media/uri.js';
import { describeFfmpegFailure } from '../../src/media/ffmpeg.js';

const PNP1 =
  '@device_pnp_\\\\?\\usb#vid_046d&pid_082d&mi_00#6&1a2b3c4d&0&0000#{65e8773d-8f56-11d0-a3b9-00a0c9223196}\\global';
const PNP2 =
  '@device_pnp_\\\\?\\usb#vid_046d&pid_082d&mi_00#6&99887766&0&0000#{65e8773d-8f56-11d0-a3b9-00a0c9223196}\\global';
const CM = '@device_cm_{33D9A762-90C8-11D0-BD43-00A0C911CE86}\\wave_{5A8F2C1E-0F0B-4E6B-9B3A-7D1E2C3B4A59}';

// ffmpeg 4.1 (the @ffmpeg-installer/win32-x64 build): section headers, two-space names.
const FF4 = [
  '[dshow @ 0000000000cb3340] DirectShow video devices (some may be both video and audio devices)',
  '[dshow @ 0000000000cb3340]  "HD Pro Webcam C920"',
  `[dshow @ 0000000000cb3340]     Alternative name "${PNP1}"`,
  '[dshow @ 0000000000cb3340]  "HD Pro Webcam C920"',
  `[dshow @ 0000000000cb3340]     Alternative name "${PNP2}"`,
  '[dshow @ 0000000000cb3340]  "Camera "Hội trường" 1"',
  '[dshow @ 0000000000cb3340]     Alternative name "@device_pnp_\\\\?\\usb#vid_1234&pid_5678#x#{65e8773d-8f56-11d0-a3b9-00a0c9223196}\\global"',
  '[dshow @ 0000000000cb3340] DirectShow audio devices',
  '[dshow @ 0000000000cb3340]  "Micrô (Jabra SPEAK 510 USB)"',
  `[dshow @ 0000000000cb3340]     Alternative name "${CM}"`,
  '[dshow @ 0000000000cb3340]  "Line In: Rear (Realtek(R) Audio)"',
  '[dshow @ 0000000000cb3340]     Alternative name "@device_cm_{33D9A762-90C8-11D0-BD43-00A0C911CE86}\\wave_{11111111-2222-3333-4444-555555555555}"',
  'dummy: Immediate exit requested',
].join('\r\n');

// ffmpeg ≥ 5: one list, each name tagged with its media type; "(none)" for e.g. a virtual camera with no pins yet.
const FF6 = [
  '[dshow @ 000001f2c8e0a040] "HD Pro Webcam C920" (video)',
  `[dshow @ 000001f2c8e0a040]   Alternative name "${PNP1}"`,
  '[dshow @ 000001f2c8e0a040] "OBS Virtual Camera" (none)',
  '[dshow @ 000001f2c8e0a040]   Alternative name "@device_sw_{860BB310-5D01-11D0-BD3B-00A0C911CE86}\\{A3FCE0F5-3493-419F-958A-ABA1250EC20B}"',
  '[dshow @ 000001f2c8e0a040] "Micrô (Jabra SPEAK 510 USB)" (audio)',
  `[dshow @ 000001f2c8e0a040]   Alternative name "${CM}"`,
  'Error opening input file dummy.',
].join('\n');

describe('parseDshowListing', () => {
  it('reads the ffmpeg 4.x format with alternative names, quotes and Vietnamese', () => {
    expect(parseDshowListing(FF4)).toEqual([
      { name: 'HD Pro Webcam C920', kind: 'video', altName: PNP1 },
      { name: 'HD Pro Webcam C920', kind: 'video', altName: PNP2 },
      {
        name: 'Camera "Hội trường" 1',
        kind: 'video',
        altName: '@device_pnp_\\\\?\\usb#vid_1234&pid_5678#x#{65e8773d-8f56-11d0-a3b9-00a0c9223196}\\global',
      },
      { name: 'Micrô (Jabra SPEAK 510 USB)', kind: 'audio', altName: CM },
      {
        name: 'Line In: Rear (Realtek(R) Audio)',
        kind: 'audio',
        altName: '@device_cm_{33D9A762-90C8-11D0-BD43-00A0C911CE86}\\wave_{11111111-2222-3333-4444-555555555555}',
      },
    ]);
  });

  it('reads the ffmpeg ≥ 5 format and drops devices of type (none)', () => {
    expect(parseDshowListing(FF6)).toEqual([
      { name: 'HD Pro Webcam C920', kind: 'video', altName: PNP1 },
      { name: 'Micrô (Jabra SPEAK 510 USB)', kind: 'audio', altName: CM },
    ]);
  });

  it('an empty listing (no devices, Wine without a sound server) gives no devices', () => {
    const none =
      '[dshow @ 0x1] DirectShow video devices (some may be both video and audio devices)\n[dshow @ 0x1] Could not enumerate video devices (or none found).\n[dshow @ 0x1] DirectShow audio devices\n[dshow @ 0x1] Could not enumerate audio only devices (or none found).\n';
    expect(parseDshowListing(none)).toEqual([]);
  });
});

describe('dshowDevices: the URI of each listed device', () => {
  it('uses the friendly name, and the alternative name where the name cannot address the device', () => {
    const d = dshowDevices(parseDshowListing(FF4));
    expect(d.map((x) => [x.kind, x.uri, x.name])).toEqual([
      // Two identical cameras: only the alternative name tells them apart.
      ['camera', `dshow:video=${PNP1}`, 'HD Pro Webcam C920 (1)'],
      ['camera', `dshow:video=${PNP2}`, 'HD Pro Webcam C920 (2)'],
      ['camera', 'dshow:video=Camera "Hội trường" 1', 'Camera "Hội trường" 1'],
      ['microphone', 'dshow:audio=Micrô (Jabra SPEAK 510 USB)', 'Micrô (Jabra SPEAK 510 USB)'],
      // ffmpeg splits `video=…:audio=…` at ':', so a name with ':' is opened by its alternative name.
      [
        'microphone',
        'dshow:audio=@device_cm_{33D9A762-90C8-11D0-BD43-00A0C911CE86}\\wave_{11111111-2222-3333-4444-555555555555}',
        'Line In: Rear (Realtek(R) Audio)',
      ],
    ]);
    expect(d[3].caps).toMatchObject({ alternativeName: CM });
  });

  it('passes the name to ffmpeg as one argument, quotes and Vietnamese intact', () => {
    const uri = parseDeviceUri('dshow:video=Camera "Hội trường" 1');
    expect(inputArgs(uri, { width: 1280, height: 720, frameRate: 30 })).toEqual([
      '-f',
      'dshow',
      '-video_size',
      '1280x720',
      '-framerate',
      '30',
      '-i',
      'video=Camera "Hội trường" 1',
    ]);
    expect(inputArgs(parseDeviceUri(`dshow:audio=${CM}`), { sampleRate: 48000 })).toEqual([
      '-f',
      'dshow',
      '-sample_rate',
      '48000',
      '-i',
      `audio=${CM}`,
    ]);
  });
});

describe('dshow failures name the right cause', () => {
  it('a camera that is not there is "not found", not an I/O error', () => {
    // ffmpeg 4.1 under Wine, and a real Windows PC with the camera unplugged.
    expect(
      describeFfmpegFailure(
        '[dshow @ 0000000000cb3600] Could not enumerate video devices (or none found).\nvideo=Camera "Hội trường" 1: I/O error\n',
        1,
      ).kind,
    ).toBe('notFound');
    expect(
      describeFfmpegFailure(
        '[dshow @ 000001] Could not find video device with name [HD Pro Webcam C920] among source devices of type video.\nvideo=HD Pro Webcam C920: I/O error\n',
        1,
      ).kind,
    ).toBe('notFound');
  });

  it('a camera another program holds is "busy"', () => {
    expect(
      describeFfmpegFailure(
        '[dshow @ 000001] Could not run graph (sometimes caused by a device already in use by other application)\nvideo=HD Pro Webcam C920: I/O error\n',
        1,
      ).kind,
    ).toBe('busy');
  });
});
