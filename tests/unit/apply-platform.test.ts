import { describe, expect, it } from 'vitest';
import { isSimulated } from '../../src/media/uri.js';
import { actionsFor, deviceLabel, manualFor, type Change } from '../../src/platform/index.js';
import { parseMute, parsePactlList, parseVolumePercent } from '../../src/media/devices/pulse.js';
import { pactlArgs, parseWpctlStatus, wpctlArgs } from '../../src/platform/linux-pulse.js';
import { parseAutofocus, parseFormat, parseFrameRate, v4l2Args } from '../../src/platform/linux-v4l2.js';
import {
  applyInvocation,
  POWERSHELL,
  powershellArgs,
  PS_APPLY,
  PS_STATE,
  stateInvocation,
} from '../../src/platform/windows.js';
import { switchAudioArgs } from '../../src/platform/macos.js';

const HOSTILE = `Loa "phòng họp"; $(rm -rf /) 'Tiếng Việt' \`id\` -x`;

describe('pactl arguments', () => {
  it('a hostile name is one argv element, after --', () => {
    expect(pactlArgs.setDefault('sink', HOSTILE)).toEqual(['--', 'set-default-sink', HOSTILE]);
    expect(pactlArgs.setVolume('source', HOSTILE, 79.6)).toEqual(['--', 'set-source-volume', HOSTILE, '80%']);
    expect(pactlArgs.setMute('sink', HOSTILE, false)).toEqual(['--', 'set-sink-mute', HOSTILE, '0']);
    expect(pactlArgs.getVolume('sink', '-n')).toEqual(['--', 'get-sink-volume', '-n']);
  });
  it('parses volume and mute', () => {
    expect(
      parseVolumePercent(
        'Volume: front-left: 26214 /  40% / -23.88 dB,   front-right: 29491 /  45% / -20.81 dB\n        balance 0.10',
      ),
    ).toBe(43);
    expect(parseVolumePercent('nothing')).toBeUndefined();
    expect(parseMute('Mute: yes\n')).toBe(true);
    expect(parseMute('Mute: no\n')).toBe(false);
  });
  it('parses `pactl list` text with Vietnamese and quoted descriptions, and marks monitors', () => {
    const out = [
      'Sink #0',
      '\tState: IDLE',
      '\tName: room_speaker',
      `\tDescription: Loa "phòng" ; $(x) Tiếng Việt`,
      '\tMute: yes',
      '\tVolume: front-left: 19661 /  30% / -31.37 dB,   front-right: 19661 /  30% / -31.37 dB',
      '\tProperties:',
      `\t\tdevice.description = "Loa \\"phòng\\" ; $(x) Tiếng Việt"`,
      '\t\tdevice.vendor.name = "GN Netcom"',
      '\t\tdevice.bus = "usb"',
      '',
      'Source #1',
      '\tName: room_speaker.monitor',
      '\tDescription: Monitor of Loa',
      '\tMute: no',
      '\tMonitor of Sink: room_speaker',
      '\tProperties:',
      '\t\tdevice.class = "monitor"',
    ].join('\n');
    const [sink, mon] = parsePactlList(out);
    expect(sink).toMatchObject({
      name: 'room_speaker',
      description: `Loa "phòng" ; $(x) Tiếng Việt`,
      muted: true,
      volume: 30,
    });
    expect(sink.properties['device.vendor.name']).toBe('GN Netcom');
    expect(sink.properties['device.description']).toBe(`Loa "phòng" ; $(x) Tiếng Việt`);
    expect(mon.monitorOf).toBe('room_speaker');
  });
  it('parses `wpctl status --name` and builds wpctl arguments', () => {
    const status = [
      "PipeWire 'pipewire-0' [1.0.5, user@host, cookie:1]",
      ' └─ Clients:',
      '        33. WirePlumber                         [1.0.5, user@host, pid:1]',
      '',
      'Audio',
      ' ├─ Devices:',
      ' │      42. alsa_card.usb-Jabra                 [alsa]',
      ' │  ',
      ' ├─ Sinks:',
      ' │  *   48. alsa_output.usb-Jabra.analog-stereo [vol: 0.40]',
      ' │      51. alsa_output.hdmi-stereo           [vol: 1.00 MUTED]',
      ' │  ',
      ' ├─ Sources:',
      ' │  *   49. alsa_input.usb-Jabra.mono           [vol: 0.75]',
      ' │  ',
      ' └─ Streams:',
      '',
      'Video',
      ' ├─ Sinks:',
      ' │      70. v4l2_output                       ',
    ].join('\n');
    const nodes = parseWpctlStatus(status);
    expect(nodes).toEqual([
      { node: 'sink', id: 48, name: 'alsa_output.usb-Jabra.analog-stereo', isDefault: true, volume: 40, muted: false },
      { node: 'sink', id: 51, name: 'alsa_output.hdmi-stereo', isDefault: false, volume: 100, muted: true },
      { node: 'source', id: 49, name: 'alsa_input.usb-Jabra.mono', isDefault: true, volume: 75, muted: false },
    ]);
    expect(wpctlArgs.setVolume(48, 80)).toEqual(['set-volume', '48', '0.80']);
    expect(wpctlArgs.setMute(48, false)).toEqual(['set-mute', '48', '0']);
    expect(wpctlArgs.setDefault(49)).toEqual(['set-default', '49']);
  });
});

describe('v4l2-ctl arguments', () => {
  it('builds format, frame rate and autofocus arguments with the device as one element', () => {
    expect(v4l2Args.setResolution('/dev/video0', '1920x1080')).toEqual([
      '--device',
      '/dev/video0',
      '--set-fmt-video=width=1920,height=1080',
    ]);
    expect(v4l2Args.setFrameRate('/dev/video0', 30)).toEqual(['--device', '/dev/video0', '--set-parm=30']);
    expect(v4l2Args.setAutofocus('/dev/v4l/by-id/usb-Logitech BRIO "x"', true)).toEqual([
      '--device',
      '/dev/v4l/by-id/usb-Logitech BRIO "x"',
      '--set-ctrl=focus_automatic_continuous=1',
    ]);
    expect(v4l2Args.setAutofocus('/dev/video0', false, 'focus_auto')).toEqual([
      '--device',
      '/dev/video0',
      '--set-ctrl=focus_auto=0',
    ]);
    expect(() => v4l2Args.setResolution('/dev/video0', 'big')).toThrow();
  });
  it('parses v4l2-ctl output', () => {
    expect(parseFormat("Format Video Capture:\n\tWidth/Height      : 1280/720\n\tPixel Format      : 'MJPG'")).toBe(
      '1280x720',
    );
    expect(parseFrameRate('Streaming Parameters Video Capture:\n\tFrames per second: 30.000 (30/1)')).toBe(30);
    const ctrls =
      '                     brightness 0x00980900 (int)    : min=0 max=255 step=1 default=128 value=128\n     focus_automatic_continuous 0x009a090c (bool)   : default=1 value=0\n';
    expect(parseAutofocus(ctrls)).toEqual({ control: 'focus_automatic_continuous', on: false });
    expect(parseAutofocus('focus_auto 0x009a090c (bool)   : default=1 value=1')).toEqual({
      control: 'focus_auto',
      on: true,
    });
  });
});

describe('Windows (AudioDeviceCmdlets)', () => {
  const change: Change = {
    role: 'room-microphone',
    kind: 'microphone',
    uri: `dshow:audio=${HOSTILE}`,
    setting: 'volume',
    before: 30,
    after: 80,
  };
  it('sends a constant script with -EncodedCommand; the device name travels in the environment only', () => {
    const inv = applyInvocation(change);
    expect(inv.file).toBe(POWERSHELL);
    expect(inv.args.slice(0, 5)).toEqual([
      '-NoProfile',
      '-NonInteractive',
      '-ExecutionPolicy',
      'Bypass',
      '-EncodedCommand',
    ]);
    expect(Buffer.from(inv.args[5], 'base64').toString('utf16le')).toBe(PS_APPLY);
    expect(inv.args.join(' ')).not.toContain('phòng');
    expect(inv.env).toEqual({
      WARDKIT_AUDIO_NAME: HOSTILE,
      WARDKIT_AUDIO_TYPE: 'Recording',
      WARDKIT_SETTING: 'volume',
      WARDKIT_VALUE: '80',
    });
  });
  it('default device: the target is the new default; mute values are 0/1; speakers are Playback', () => {
    const d = applyInvocation({
      role: 'spk',
      kind: 'speaker',
      uri: 'dshow:audio=Speakers (Jabra)',
      setting: 'default',
      before: 'dshow:audio=Speakers (Realtek)',
      after: 'dshow:audio=Speakers (Jabra)',
    });
    expect(d.env).toMatchObject({
      WARDKIT_AUDIO_NAME: 'Speakers (Jabra)',
      WARDKIT_AUDIO_TYPE: 'Playback',
      WARDKIT_SETTING: 'default',
    });
    expect(applyInvocation({ ...change, setting: 'muted', before: true, after: false }).env.WARDKIT_VALUE).toBe('0');
    const s = stateInvocation('speaker', 'dshow:audio=Speakers (Jabra)');
    expect(Buffer.from(s.args[5], 'base64').toString('utf16le')).toBe(PS_STATE);
    expect(s.env).toEqual({ WARDKIT_AUDIO_NAME: 'Speakers (Jabra)', WARDKIT_AUDIO_TYPE: 'Playback' });
  });
  it('encodes any script as UTF-16LE base64', () => {
    expect(powershellArgs('Write-Output "ố"')[5]).toBe(Buffer.from('Write-Output "ố"', 'utf16le').toString('base64'));
  });
  it('without the module (here: not Windows) every change is a manual step with the exact clicks', async () => {
    const a = await actionsFor('dshow:audio=Microphone (Jabra)', 'win32');
    const r = await a.apply(change);
    expect(r).toMatchObject({
      type: 'manual',
      key: 'apply.manual.volume',
      hintKey: 'apply.hint.windows.audio',
      reasonKey: 'apply.reason.noTool',
    });
  });
});

describe('macOS and common helpers', () => {
  it('SwitchAudioSource arguments', () => {
    expect(switchAudioArgs.set('microphone', HOSTILE)).toEqual(['-t', 'input', '-s', HOSTILE]);
    expect(switchAudioArgs.current('speaker')).toEqual(['-c', '-t', 'output']);
  });
  it('simulated URIs, labels and manual steps', () => {
    expect(isSimulated('sim:room?delay=1')).toBe(true);
    expect(isSimulated('lavfi:testsrc2')).toBe(true);
    expect(isSimulated('file:/x.wav')).toBe(true);
    expect(isSimulated('pulse:x')).toBe(false);
    expect(deviceLabel('dshow:audio=Microphone (Jabra)')).toBe('Microphone (Jabra)');
    const m = manualFor(
      { role: 'cam', kind: 'camera', uri: 'v4l2:/dev/video0', setting: 'frameRate', before: null, after: 30 },
      'linux',
      'noTool',
      { tool: 'v4l2-ctl' },
    );
    expect(m).toMatchObject({
      key: 'apply.manual.frameRate',
      hintKey: 'apply.hint.linux.camera',
      reasonKey: 'apply.reason.noTool',
      params: { device: '/dev/video0', value: '30', tool: 'v4l2-ctl' },
    });
  });
  it('alsa devices have no automatic actions: manual, never a silent skip', async () => {
    const a = await actionsFor('alsa:hw:1,0', 'linux');
    const r = await a.apply({
      role: 'mic',
      kind: 'microphone',
      uri: 'alsa:hw:1,0',
      setting: 'volume',
      before: null,
      after: 80,
    });
    expect(r.type).toBe('manual');
  });
  it('v4l2 without v4l2-ctl installed: a manual step naming the tool', async () => {
    const a = await actionsFor('v4l2:/dev/video0', 'linux');
    const r = await a.apply(
      { role: 'cam', kind: 'camera', uri: 'v4l2:/dev/video0', setting: 'frameRate', before: null, after: 30 },
      { env: { PATH: '/nonexistent' } },
    );
    expect(r).toMatchObject({ type: 'manual', reasonKey: 'apply.reason.noTool', params: { tool: 'v4l2-ctl' } });
  });
});
