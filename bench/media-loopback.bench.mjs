// Accuracy and speed of the speaker (loopback) and display checks, on the simulated room through
// the real ffmpeg (truth known exactly) — `npm run bench -- media-loopback`.
import { runChecks } from '../dist/checks/runner.js';
import { bindDevices } from '../dist/checks/session.js';
import { speakerCheck } from '../dist/checks/speaker.js';
import { displayCheck } from '../dist/checks/display.js';
import { createFormatter } from '../dist/i18n/format.js';
import { resolveFfmpeg } from '../dist/media/ffmpeg.js';
import { runLoopback } from '../dist/media/loopback/run.js';
import { parseDeviceUri } from '../dist/media/uri.js';
import { loadProfile } from '../dist/profiles/resolve.js';

const t = createFormatter('en');
const log = { debug() {}, info() {}, warn() {} };
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

export default async function () {
  const profile = await loadProfile('demo-simulated');
  const ffmpeg = resolveFfmpeg();
  const check = async (c, overrides) => (await runChecks([c], { profile, devices: bindDevices(profile, {}, overrides) }, { t, log }))[0];

  const latency = { title: `speaker: latency truth vs measured (sim:room, gain −20 dB, noise −65 dBFS, ffmpeg ${ffmpeg.source})`, columns: ['delay (truth) ms', 'measured ms', 'error ms', 'marker B spacing error ms', 'play+record wall ms'], rows: [] };
  for (const delay of [0, 10, 37.5, 50, 120, 300, 500]) {
    const uri = parseDeviceUri(`sim:room?delay=${delay}&gain=-20&noise=-65`);
    const run = await runLoopback(uri, uri, { tonesHz: [250, 1000, 4000], levelDbfs: -12, probeSeconds: 2.5, minSnrDb: 26, ffmpeg, signal: new AbortController().signal, deadline: Date.now() + 20000 });
    latency.rows.push([delay, run.latencyMs ?? '—', run.latencyMs === null ? '—' : (run.latencyMs - delay).toFixed(2), run.analysis?.markerSpacingErrorMs ?? '—', run.recordMs]);
  }

  const tones = { title: 'speaker: tone SNR, level and verdict by path gain and noise (tones played at −12 dBFS)', columns: ['gain dB', 'noise dBFS', 'SNR 250 Hz', 'SNR 1 kHz', 'SNR 4 kHz', 'level dBFS (truth)', 'level measured', 'status', 'finding'], rows: [] };
  for (const [gain, noise] of [[0, -65], [-20, -65], [-20, -40], [-40, -65], [-40, -50], [-50, -40], [-60, -40], [-70, -50]]) {
    const r = await check(speakerCheck, [`speaker=sim:room?gain=${gain}&noise=${noise}&delay=40`]);
    const snr = (hz) => r.details?.tones?.find((x) => x.hz === hz)?.snrDb ?? '—';
    const lvl = r.metrics.find((m) => m.id === 'level')?.value;
    const f = r.findings.find((x) => x.severity !== 'info') ?? r.findings[0];
    tones.rows.push([gain, noise, snr(250), snr(1000), snr(4000), -12 + gain, lvl ?? '—', r.status, f?.key ?? '']);
  }

  const faults = { title: 'speaker: fault scenarios (sim:room)', columns: ['device', 'status', 'finding', 'detail'], rows: [] };
  for (const d of ['speaker=sim:room?mute=1', 'microphone=sim:room?mute=1', 'speaker=sim:room?drop=4000', 'speaker=sim:room?drop=250,4000', 'speaker=sim:room?distort=-24&gain=-10', 'speaker=sim:room?distort=-16&gain=-10', 'speaker=sim:room?delay=120']) {
    const r = await check(speakerCheck, [d]);
    const f = r.findings.find((x) => x.severity !== 'info') ?? r.findings[0];
    faults.rows.push([d, r.status, f?.key ?? '', f?.params ? JSON.stringify(f.params).slice(0, 60) : '']);
  }

  const speed = { title: 'wall time of one check (runner, incl. ffmpeg start-up), 5 runs', columns: ['check', 'device', 'median ms', 'max ms', 'status'], rows: [] };
  for (const [c, d] of [[speakerCheck, 'speaker=sim:room?delay=40&gain=-20&noise=-65'], [displayCheck, 'display=sim:display?width=1920&height=1080&refresh=60']]) {
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
  return [latency, tones, faults, speed];
}
