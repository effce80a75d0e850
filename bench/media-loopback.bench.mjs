// Accuracy and speed of the speaker (loopback) and display checks, on the simulated room through
// the real ffmpeg (truth known exactly) — `npm run bench -- media-loopback`.
import { runChecks } from '../dist/checks/runner.js';
import { bindDevices } from '../dist/app/check-session.js';
import { speakerCheck } from '../dist/checks/speaker.js';
import { displayCheck } from '../dist/checks/display.js';
import { createFormatter } from '../dist/i18n/format.js';
import { resolveFfmpeg } from '../dist/media/ffmpeg.js';
import { runLoopback } from '../dist/media/loopback/run.js';
import { parseDeviceUri } from '../dist/media/uri.js';
import { loadProfile } from '../dist/profiles/resolve.js';
import { execFileSync, execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The speaker check on a private PulseAudio null sink (spawned CLI), when pulseaudio exists. */
async function pulseRuns(n) {
  try {
    execFileSync('sh', ['-c', 'command -v pulseaudio && command -v pactl'], { stdio: 'ignore' });
  } catch {
    return [['pulse:room_speaker', 'pulseaudio not installed', '', '', '']];
  }
  const dir = mkdtempSync(join(os.tmpdir(), 'wardkit-bench-pulse-'));
  const env = { ...process.env, XDG_RUNTIME_DIR: dir, HOME: dir, PULSE_SERVER: `unix:${join(dir, 'pulse', 'native')}` };
  let pid = 0;
  const rows = [];
  try {
    execFileSync(
      'pulseaudio',
      [
        '-D',
        '--exit-idle-time=-1',
        '-n',
        '--system=false',
        '--disallow-exit',
        '--use-pid-file=true',
        '--load=module-native-protocol-unix',
        '--load=module-null-sink sink_name=room_speaker',
      ],
      { env, timeout: 15000, stdio: 'ignore' },
    );
    for (let i = 0; i < 50 && !pid; i++) {
      try {
        pid = Number(readFileSync(join(dir, 'pulse', 'pid'), 'utf8').trim());
        execFileSync('pactl', ['info'], { env, timeout: 5000, stdio: 'ignore' });
      } catch {
        pid = 0;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const profile = join(dir, 'p.yaml');
    writeFileSync(
      profile,
      'apiVersion: wardkit/v1\nkind: EquipmentProfile\nid: bench-pulse\nname: bench\nroles:\n  - { id: mic, kind: microphone, device: pulse:room_speaker.monitor }\n  - { id: spk, kind: speaker, device: pulse:room_speaker }\n',
    );
    for (let i = 0; i < n; i++) {
      const out = await new Promise((res) =>
        execFile(
          process.execPath,
          ['bin/wardkit.js', 'check', '--profile', profile, '--only', 'speaker', '--format', 'json'],
          { cwd: ROOT, env, timeout: 60000 },
          (_e, stdout) => res(stdout),
        ),
      );
      const r = JSON.parse(out).results[0];
      rows.push([
        'pulse:room_speaker → .monitor',
        r.status,
        r.durationMs,
        r.details?.latency?.ms ?? '—',
        r.details?.markerSpacingErrorMs ?? '—',
      ]);
    }
  } finally {
    if (pid)
      try {
        process.kill(pid, 'SIGTERM');
      } catch {}
    await new Promise((r) => setTimeout(r, 300));
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

const t = createFormatter('en');
const log = { debug() {}, info() {}, warn() {} };
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

export default async function () {
  const profile = await loadProfile('demo-simulated');
  const ffmpeg = resolveFfmpeg();
  const check = async (c, overrides) =>
    (await runChecks([c], { profile, devices: bindDevices(profile, {}, overrides) }, { t, log }))[0];

  const latency = {
    title: `speaker: latency truth vs measured (sim:room, gain −20 dB, noise −65 dBFS, ffmpeg ${ffmpeg.source})`,
    columns: ['delay (truth) ms', 'measured ms', 'error ms', 'marker B spacing error ms', 'play+record wall ms'],
    rows: [],
  };
  for (const delay of [0, 10, 37.5, 50, 120, 300, 500]) {
    const uri = parseDeviceUri(`sim:room?delay=${delay}&gain=-20&noise=-65`);
    const run = await runLoopback(uri, uri, {
      tonesHz: [250, 1000, 4000],
      levelDbfs: -12,
      probeSeconds: 2.5,
      minSnrDb: 26,
      ffmpeg,
      signal: new AbortController().signal,
      deadline: Date.now() + 20000,
    });
    latency.rows.push([
      delay,
      run.latencyMs ?? '—',
      run.latencyMs === null ? '—' : (run.latencyMs - delay).toFixed(2),
      run.analysis?.markerSpacingErrorMs ?? '—',
      run.recordMs,
    ]);
  }

  const tones = {
    title: 'speaker: tone SNR, level and verdict by path gain and noise (tones played at −12 dBFS)',
    columns: [
      'gain dB',
      'noise dBFS',
      'SNR 250 Hz',
      'SNR 1 kHz',
      'SNR 4 kHz',
      'level dBFS (truth)',
      'level measured',
      'status',
      'finding',
    ],
    rows: [],
  };
  for (const [gain, noise] of [
    [0, -65],
    [-20, -65],
    [-20, -40],
    [-40, -65],
    [-40, -50],
    [-50, -40],
    [-60, -40],
    [-70, -50],
  ]) {
    const r = await check(speakerCheck, [`speaker=sim:room?gain=${gain}&noise=${noise}&delay=40`]);
    const snr = (hz) => r.details?.tones?.find((x) => x.hz === hz)?.snrDb ?? '—';
    const lvl = r.metrics.find((m) => m.id === 'level')?.value;
    const f = r.findings.find((x) => x.severity !== 'info') ?? r.findings[0];
    tones.rows.push([gain, noise, snr(250), snr(1000), snr(4000), -12 + gain, lvl ?? '—', r.status, f?.key ?? '']);
  }

  const faults = {
    title: 'speaker: fault scenarios (sim:room)',
    columns: ['device', 'status', 'finding', 'detail'],
    rows: [],
  };
  for (const d of [
    'speaker=sim:room?mute=1',
    'microphone=sim:room?mute=1',
    'speaker=sim:room?drop=4000',
    'speaker=sim:room?drop=250,4000',
    'speaker=sim:room?distort=-24&gain=-10',
    'speaker=sim:room?distort=-16&gain=-10',
    'speaker=sim:room?delay=120',
  ]) {
    const r = await check(speakerCheck, [d]);
    const f = r.findings.find((x) => x.severity !== 'info') ?? r.findings[0];
    faults.rows.push([d, r.status, f?.key ?? '', f?.params ? JSON.stringify(f.params).slice(0, 60) : '']);
  }

  const speed = {
    title: 'wall time of one check (runner, incl. ffmpeg start-up), 5 runs',
    columns: ['check', 'device', 'median ms', 'max ms', 'status'],
    rows: [],
  };
  for (const [c, d] of [
    [speakerCheck, 'speaker=sim:room?delay=40&gain=-20&noise=-65'],
    [displayCheck, 'display=sim:display?width=1920&height=1080&refresh=60'],
  ]) {
    const times = [];
    let status = '';
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const r = await check(c, [d]);
      times.push(Math.round(performance.now() - t0));
      status = r.status;
    }
    speed.rows.push([c.id, d.split('=').slice(1).join('='), median(times), Math.max(...times), status]);
  }
  const pulse = {
    title: 'speaker on a real PulseAudio path (null sink, Debian ffmpeg; latency = upper bound, not judged)',
    columns: ['path', 'status', 'check ms', 'latency estimate ms', 'marker spacing error ms'],
    rows: await pulseRuns(3),
  };
  return [latency, tones, faults, speed, pulse];
}
