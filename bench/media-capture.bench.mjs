// Accuracy of the camera and microphone checks against known truths (the same signals as
// tests/integration/media-*.test.ts), and the wall time of each check, devices and doctor.
// `npm run bench -- media-capture`
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { cameraCheck } from '../dist/checks/camera.js';
import { microphoneCheck } from '../dist/checks/microphone.js';
import { createFormatter } from '../dist/i18n/format.js';
import { loadProfile } from '../dist/profiles/resolve.js';
import { discoverDevices } from '../dist/media/devices/index.js';
import { runDoctor } from '../dist/media/doctor.js';

async function room(devices) {
  const profile = await loadProfile('demo-simulated');
  const base = Object.fromEntries(profile.roles.filter((r) => r.device).map((r) => [r.id, r.device]));
  return { profile, devices: { ...base, ...devices } };
}

async function run(check, devices) {
  const r = await room(devices);
  const target = check.targets(r)[0];
  const ctx = {
    signal: new AbortController().signal,
    deadline: Date.now() + check.timeoutMs(r),
    log: { debug() {}, info() {}, warn() {} },
    t: createFormatter('en'),
    room: r,
  };
  const t0 = performance.now();
  const o = await check.run(target, ctx);
  return {
    o,
    ms: Math.round(performance.now() - t0),
    m: (id) => o.metrics?.find((x) => x.id === id)?.value,
    keys: (o.findings ?? []).map((f) => f.key),
  };
}

export default async function () {
  const dir = mkdtempSync(join(os.tmpdir(), 'wardkit-bench-'));
  const rows = [];
  const timing = [];
  const row = (c, truth, measured, tol, ok, ms) => rows.push([c, truth, measured, tol, ok ? 'ok' : 'MISS', ms]);
  try {
    for (const fps of [15, 25, 30]) {
      const r = await run(cameraCheck, { 'main-camera': `lavfi:testsrc2=size=1280x720:rate=${fps}` });
      row(
        `camera testsrc2 ${fps} fps`,
        `${fps} fps, 1280x720`,
        `${r.m('frameRate')} fps, ${r.m('width')}x${r.m('height')}`,
        '±0.5 fps',
        Math.abs(r.m('frameRate') - fps) <= 0.5 && r.m('width') === 1280,
        r.ms,
      );
    }
    let r = await run(cameraCheck, { 'main-camera': 'lavfi:testsrc2=size=1280x720:rate=30,setpts=N/(20*TB)' });
    row(
      'camera nominal 30, stamped 20 fps',
      '20 fps',
      `${r.m('frameRate')} fps`,
      '±0.5 fps',
      Math.abs(r.m('frameRate') - 20) <= 0.5,
      r.ms,
    );
    r = await run(cameraCheck, { 'main-camera': 'lavfi:color=black:size=1280x720:rate=30' });
    row(
      'camera color=black',
      'black 100 %, fail',
      `black ${Math.round(r.m('blackFraction') * 100)} %, ${r.o.status}`,
      '> 1/3',
      r.o.status === 'fail' && r.keys.includes('camera.black'),
      r.ms,
    );
    r = await run(cameraCheck, {
      'main-camera': 'lavfi:testsrc2=size=1280x720:rate=30,trim=end_frame=1,loop=loop=-1:size=1:start=0',
    });
    row(
      'camera one frame looped',
      'frozen 100 %, fail',
      `frozen ${Math.round(r.m('frozenFraction') * 100)} %, ${r.o.status}`,
      '> 1/3',
      r.o.status === 'fail' && r.keys.includes('camera.frozen'),
      r.ms,
    );
    r = await run(cameraCheck, { 'main-camera': 'lavfi:color=0x101010:size=1280x720:rate=30,noise=alls=30:allf=t' });
    row(
      'camera dim 0x101010 + noise',
      'too dark (YAVG < 38)',
      `YAVG ${r.m('lumaMean')}, ${r.o.status}`,
      '< 38',
      r.keys.includes('camera.tooDark'),
      r.ms,
    );
    const wav = join(dir, 'sine.wav');
    execFileSync('ffmpeg', [
      '-hide_banner',
      '-loglevel',
      'error',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=1000:sample_rate=48000:duration=4,volume=0.8',
      '-c:a',
      'pcm_s16le',
      '-y',
      wav,
    ]);
    r = await run(microphoneCheck, { 'room-microphone': `file:${wav}` });
    row(
      'mic WAV sine peak −20 dBFS',
      'RMS −23.01 dBFS',
      `RMS ${r.m('rmsLevel')} dBFS, peak ${r.m('peakLevel')}`,
      '±0.5 dB',
      Math.abs(r.m('rmsLevel') + 23.01) <= 0.5,
      r.ms,
    );
    r = await run(microphoneCheck, { 'room-microphone': 'lavfi:anullsrc=r=48000:cl=mono' });
    row(
      'mic silence',
      'dead, fail',
      `${r.m('rmsLevel')} dBFS, ${r.o.status}`,
      '< −60 dBFS',
      r.o.status === 'fail' && r.keys.includes('microphone.dead'),
      r.ms,
    );
    r = await run(microphoneCheck, { 'room-microphone': 'lavfi:sine=frequency=1000:sample_rate=48000,volume=16' });
    row(
      'mic sine ×2 full scale',
      'clipping',
      `run ${r.m('longestFullScaleRun')} samples, ${r.o.status}`,
      '> 6 samples',
      r.keys.includes('microphone.clipping'),
      r.ms,
    );
    r = await run(microphoneCheck, { 'room-microphone': 'sim:room?talker=-26&noise=-70' });
    row(
      'mic sim:room talker −26 noise −70',
      'RMS −27.25, floor −70',
      `RMS ${r.m('rmsLevel')}, floor ${r.m('noiseFloor')}`,
      '±0.5 / ±1.5 dB',
      Math.abs(r.m('rmsLevel') + 27.25) <= 0.5 && Math.abs(r.m('noiseFloor') + 70) <= 1.5,
      r.ms,
    );
    // Wall time of each check on the demo profile's own devices, devices and doctor.
    for (const [name, check] of [
      ['camera (demo, 5 s capture)', cameraCheck],
      ['microphone (demo, 3 s capture)', microphoneCheck],
    ]) {
      const x = await run(check, {});
      timing.push([name, x.o.status, x.ms]);
    }
    let t0 = performance.now();
    const inv = await discoverDevices();
    timing.push([
      `devices (${inv.devices.length} found, ${inv.unavailable.length} sources unavailable)`,
      '—',
      Math.round(performance.now() - t0),
    ]);
    t0 = performance.now();
    const doc = await runDoctor();
    timing.push([`doctor (${doc.candidates.length} ffmpeg binaries)`, '—', Math.round(performance.now() - t0)]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return [
    {
      title: 'media-capture: accuracy against known truth (real ffmpeg)',
      columns: ['case', 'truth', 'measured', 'tolerance', 'result', 'ms'],
      rows,
    },
    { title: 'media-capture: wall time', columns: ['what', 'status', 'ms'], rows: timing },
  ];
}
