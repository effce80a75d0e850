// Device URIs: one string per device that says which backend opens it. This module is the only
// place that knows each backend's ffmpeg syntax. Names come from the outside world (quotes, `;`,
// `$(…)`, Vietnamese text): they are only ever passed as single array elements, never through a shell.
export type Backend = 'v4l2' | 'dshow' | 'avfoundation' | 'alsa' | 'pulse' | 'lavfi' | 'file' | 'sim' | DisplayBackend;

/**
 * Displays (the display check; never opened by ffmpeg):
 *   `x11:DISPLAY`    the monitors of that X server, read with xrandr, e.g. `x11::0`, `x11::99`
 *   `display:NAME`   a monitor the OS reports (systeminformation) whose name, model or vendor
 *                    matches the glob or /regex/ NAME, e.g. `display:*Samsung*`, `display:*`
 *   `sim:display?…`  a simulated one (width, height, refresh, name, vendor, connection, connected=0)
 */
export type DisplayBackend = 'x11' | 'display';

export interface DeviceUri {
  backend: Backend;
  /** Everything after `backend:`, verbatim. */
  target: string;
  /** For sim: the kind (`room`, `display`, `camera`…) and its parameters. */
  sim?: { kind: string; params: Record<string, string> };
}

const BACKENDS: Backend[] = [
  'v4l2',
  'dshow',
  'avfoundation',
  'alsa',
  'pulse',
  'lavfi',
  'file',
  'sim',
  'x11',
  'display',
];

export class UriError extends Error {
  constructor(
    readonly uri: string,
    readonly reason: string,
  ) {
    super(`bad device URI "${uri}": ${reason}`);
  }
}

export function parseDeviceUri(uri: string): DeviceUri {
  const i = uri.indexOf(':');
  if (i <= 0) throw new UriError(uri, 'expected BACKEND:TARGET');
  const backend = uri.slice(0, i) as Backend;
  const target = uri.slice(i + 1);
  if (!BACKENDS.includes(backend))
    throw new UriError(uri, `unknown backend "${backend}" (known: ${BACKENDS.join(', ')})`);
  if (!target) throw new UriError(uri, 'empty target');
  if (backend === 'sim') {
    const q = target.indexOf('?');
    const kind = q < 0 ? target : target.slice(0, q);
    const params = Object.fromEntries(new URLSearchParams(q < 0 ? '' : target.slice(q + 1)));
    return { backend, target, sim: { kind, params } };
  }
  return { backend, target };
}

export interface CaptureWish {
  width?: number;
  height?: number;
  frameRate?: number;
  sampleRate?: number;
  channels?: number;
}

/** ffmpeg input arguments (`-f … [options] -i …`) that open the device for capture. */
export function inputArgs(uri: DeviceUri, wish: CaptureWish = {}): string[] {
  const size = wish.width && wish.height ? ['-video_size', `${wish.width}x${wish.height}`] : [];
  const rate = wish.frameRate ? ['-framerate', String(wish.frameRate)] : [];
  const audio = [
    ...(wish.sampleRate ? ['-sample_rate', String(wish.sampleRate)] : []),
    ...(wish.channels ? ['-channels', String(wish.channels)] : []),
  ];
  switch (uri.backend) {
    case 'v4l2':
      return ['-f', 'v4l2', ...size, ...rate, '-i', uri.target];
    case 'dshow':
      // An audio-only dshow device takes the audio options; a video one the picture options.
      if (uri.target.startsWith('audio=')) return ['-f', 'dshow', ...audio, '-i', uri.target];
      return ['-f', 'dshow', ...size, ...rate, '-i', uri.target];
    case 'avfoundation':
      return ['-f', 'avfoundation', ...size, ...rate, '-i', uri.target];
    case 'alsa':
      return ['-f', 'alsa', ...audio, '-i', uri.target];
    case 'pulse':
      return ['-f', 'pulse', ...audio, '-i', uri.target];
    case 'lavfi':
      return ['-f', 'lavfi', '-i', uri.target];
    case 'file':
      return ['-i', uri.target];
    case 'sim':
      throw new UriError(
        `sim:${uri.target}`,
        'simulated devices are opened by their check, not by ffmpeg input arguments',
      );
    case 'x11':
    case 'display':
      throw new UriError(
        `${uri.backend}:${uri.target}`,
        'a display is read by the display check, not captured through ffmpeg',
      );
  }
}

/** ffmpeg output arguments that play audio on the device (speakers). */
export function audioOutputArgs(uri: DeviceUri): string[] {
  switch (uri.backend) {
    case 'alsa':
      return ['-f', 'alsa', uri.target];
    case 'pulse':
      // The output "filename" of the pulse muxer is the stream name; -device picks the sink.
      // A short buffer (200 ms): with pulse's default (≈ 2 s, prebuffered in full before playback
      // starts) a clip shorter than the buffer is never heard — ffmpeg exits and it is dropped.
      return ['-f', 'pulse', '-buffer_duration', '200', '-device', uri.target, 'wardkit test tone'];
    case 'file':
      return ['-y', uri.target];
    default:
      throw new UriError(`${uri.backend}:${uri.target}`, `backend ${uri.backend} cannot play audio through ffmpeg`);
  }
}

/** Simulated and test devices (sim:, lavfi:, file:) have nothing to configure. */
export const isSimulated = (uri: string): boolean => /^(sim|lavfi|file):/.test(uri);
