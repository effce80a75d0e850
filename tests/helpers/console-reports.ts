// Ward reports for the console's tests and bench: the checks a ward-standard room runs, with the
// figures the trend charts draw (bandwidth, latency, camera, microphone) and the devices bound to
// roles, built by the real buildReport so readiness follows the real rule.
import { metric } from '../../src/domain/verdict.js';
import type { CheckResult, Status } from '../../src/domain/result.js';
import { createFormatter } from '../../src/i18n/format.js';
import { buildReport, type Report } from '../../src/report/model.js';
import { result } from './reports.js';

const t = createFormatter('en');

export interface WardFigures {
  down?: number;
  up?: number;
  rtt?: number;
  jitter?: number;
  loss?: number;
  mos?: number;
  fps?: number;
  mic?: number;
  /** Camera device name (a different name = the device changed). */
  camera?: string;
  /** Leave the microphone out (a device that vanished). */
  noMicrophone?: boolean;
}

/** When a fixture's result ran: started at `at`, 1.5 s long (what the console's tests have always had). */
const ranAt = (at: Date): Partial<CheckResult> => ({ startedAt: at.toISOString(), durationMs: 1500 });

const worst = (ms: CheckResult['metrics']): Status =>
  ms.some((m) => m.verdict === 'fail') ? 'fail' : ms.some((m) => m.verdict === 'warn') ? 'warn' : 'pass';

/** A ward's report at `at` (its finishedAt is `at`); defaults are a healthy room. */
export function wardReport(ward: string, at: Date, f: WardFigures = {}): Report {
  const v = { down: 48.2, up: 21.5, rtt: 18, jitter: 2.4, loss: 0, mos: 4.3, fps: 30, mic: -24.5, ...f };
  const start = new Date(at.getTime() - 60_000);
  const bw = [
    metric('downloadMbps', v.down, 'Mbit/s', { better: 'higher', fail: 4, warn: 8 }),
    metric('uploadMbps', v.up, 'Mbit/s', { better: 'higher', fail: 2, warn: 4 }),
  ];
  const lat = [
    metric('rttMedian', v.rtt, 'ms', { better: 'lower', warn: 150, fail: 300 }),
    metric('jitter', v.jitter, 'ms', { better: 'lower', warn: 30, fail: 50 }),
    metric('lossUplink', v.loss, '%', { better: 'lower', warn: 1, fail: 3 }),
    metric('lossDownlink', v.loss / 2, '%', { better: 'lower', warn: 1, fail: 3 }),
    metric('mos', v.mos, 'MOS', { better: 'higher', warn: 3.6, fail: 3.1 }),
  ];
  const cam = [metric('frameRate', v.fps, 'fps', { better: 'higher', fail: 25 })];
  const mic = [metric('rmsLevel', v.mic, 'dBFS', { better: 'higher', fail: -60, warn: -35 })];
  const camStatus = worst(cam);
  const results: CheckResult[] = [
    result('host', 'default', 'host', 'pass', ranAt(start)),
    result('bandwidth', 'default', 'bandwidth', worst(bw), { ...ranAt(start), metrics: bw }),
    result('latency', 'default', 'latency', worst(lat), { ...ranAt(start), metrics: lat }),
    result('camera', 'main-camera', f.camera ?? 'Logitech BRIO', camStatus, {
      ...ranAt(start),
      role: 'main-camera',
      uri: 'v4l2:///dev/video0',
      metrics: cam,
      findings:
        camStatus === 'fail'
          ? [{ severity: 'fail', key: 'host.highLoad', params: { load: 9 }, remedyKey: 'host.highLoad.remedy' }]
          : [],
    }),
  ];
  if (!f.noMicrophone)
    results.push(
      result('microphone', 'room-mic', 'Jabra SPEAK 510', worst(mic), {
        ...ranAt(start),
        role: 'room-mic',
        uri: 'pulse:alsa_input.usb-Jabra?token=secret',
        metrics: mic,
      }),
    );
  return buildReport(results, {
    ward,
    profile: { id: 'ward-standard', source: { hash: 'c'.repeat(64) } } as never,
    startedAt: start,
    finishedAt: at,
    t,
  });
}
