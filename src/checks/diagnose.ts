// Root cause first. Each check judges what it measured; only after all of them ran can one say
// *why*: a black camera makes the test call's video bitrate low (the encoder has nothing to send),
// a busy computer makes the encoder fall behind, a passing bandwidth check rules out "ask the ISP",
// an unreachable server makes every network check fail for the same one reason, and a room with
// no room file has one first step. This pass rewrites findings so the remedy names the part to fix,
// and marks results that could not really run as blocked by their cause (status skip, with a
// `diagnose.blockedBy` finding naming the cause's check) so the fix list shows the cause once.
import type { CheckResult, Finding } from '../domain/result.js';

export interface DiagnoseContext {
  /** True when no room file was given and no device is bound for any required role (not --demo). */
  notSetUp?: boolean;
  /** The profile the room follows (for the first step `wardkit apply --profile …`). */
  profileId: string;
  /**
   * What the test call sends (video + audio target, kbit/s). An uplink measured at or above it
   * carries the call, so a low call bitrate is not the uplink's doing even when the bandwidth check
   * warns (it judges against the profile's recommendation, with headroom). Unknown: a bandwidth
   * warning or failure alone names the uplink.
   */
  callKbps?: number;
}

const metricOf = (r: CheckResult | undefined, id: string) => r?.metrics.find((m) => m.id === id);
const has = (r: CheckResult | undefined, ...keys: string[]) => Boolean(r?.findings.some((f) => keys.includes(f.key)));
const bad = (r: CheckResult | undefined) => r?.status === 'fail' || r?.status === 'error';

/** Camera faults that leave the call's encoder with (nearly) nothing to send. */
const CAMERA_SOURCE_FAULTS = ['camera.black', 'camera.frozen', 'camera.noDevice', 'camera.noFrames', 'camera.tooDark'];
/** What the network check says when the Department server cannot be reached. */
const SERVER_DOWN = ['network.serverUnreachable'];
/** Checks that talk to the Department server and cannot run without it. */
const NEEDS_SERVER = ['bandwidth', 'latency', 'ice', 'call'];
/** Checks that need a bound device. */
const NEEDS_DEVICE = ['camera', 'microphone', 'speaker', 'display'];

function blocked(r: CheckResult, cause: string): CheckResult {
  return {
    ...r,
    status: 'skip',
    metrics: [],
    findings: [{ severity: 'info', key: 'diagnose.blockedBy', params: { cause } }],
    evidence: r.evidence,
  };
}

/**
 * The call findings rewritten by cause: camera → an uplink measured too slow for the call → busy
 * computer → not the uplink; loss on an uplink the call overfilled → the uplink.
 */
function diagnoseCall(call: CheckResult, results: CheckResult[], callKbps: number | undefined): CheckResult {
  const low = call.findings.find((f) => f.key === 'call.lowBitrate');
  const mediaFailed = call.findings.find((f) =>
    ['call.mediaFailed', 'call.encoderSlow', 'call.encoderTimeout'].includes(f.key),
  );
  const loss = call.findings.find((f) => f.key === 'call.loss');
  const limited = call.findings.find((f) => f.key === 'call.bandwidthLimited');
  if (!low && !mediaFailed && !loss && !limited) return call;
  const camera = results.find((r) => r.checkId === 'camera' && bad(r) && has(r, ...CAMERA_SOURCE_FAULTS));
  const cameraMissing = results.find(
    (r) =>
      r.checkId === 'devices' &&
      bad(r) &&
      r.role &&
      /camera/.test(r.targetId + (r.role ?? '')) &&
      has(r, 'devices.missing', 'devices.roleMissing'),
  );
  const host = results.find((r) => r.checkId === 'host');
  const load = metricOf(host, 'loadPerCpu');
  const busy =
    (load && (load.verdict === 'warn' || load.verdict === 'fail')) ||
    call.findings.some((f) => f.key === 'call.encoderSlow');
  const bw = results.find((r) => r.checkId === 'bandwidth');
  const upload = metricOf(bw, 'uploadMbps');
  // The call sent more than the measured uplink carries: the line dropped the excess, so the call's
  // loss is the slow uplink's doing, not a faulty cable or Wi-Fi (the werift engine sends at a fixed
  // bitrate; libwebrtc's own estimate already says so: call.loss.congested.remedy).
  const sent = metricOf(call, 'sendBitrate')?.value;
  const overfilled =
    bw &&
    (bw.status === 'fail' || bw.status === 'warn') &&
    upload?.value != null &&
    typeof sent === 'number' &&
    upload.value * 1000 < sent;
  // The uplink is the cause of a low video bitrate only when it was measured too slow for what the
  // call sends: a line that warns against the profile's recommendation (e.g. 1.9 of 3 Mbit/s) but
  // carries the call's 1.5 Mbit/s does not explain 200 kbit/s of video — a busy computer or a
  // firewall does, and "ask the ISP" would send the technician to fix the wrong thing.
  const uplinkShort =
    bw &&
    (bw.status === 'fail' || bw.status === 'warn') &&
    upload?.value != null &&
    (callKbps === undefined || upload.value * 1000 < callKbps);
  const uplinkEnough =
    upload?.value != null && (bw?.status === 'pass' || (callKbps !== undefined && upload.value * 1000 >= callKbps));
  const findings: Finding[] = [];
  // The encoder could not keep real time: that finding already names the busy computer.
  const encoderTimedOut = call.findings.some((f) => f.key === 'call.encoderTimeout');
  for (const f of call.findings) {
    if (f.key === 'call.lowBitrate' && encoderTimedOut) continue;
    if (f === loss && overfilled && f.remedyKey === 'call.loss.remedy') {
      findings.push({
        ...f,
        remedyKey: 'diagnose.call.lossUplink.remedy',
        remedyParams: { kbps: sent, upload: upload.value },
      });
      continue;
    }
    // libwebrtc's estimate of the uplink follows what its encoder sends: with a black or absent
    // picture there is almost nothing to send, so a low estimate says nothing about the line. Kept
    // as a note (its figure stays a metric), without the "ask the provider" remedy.
    if (f.key === 'call.bandwidthLimited' && (camera || cameraMissing)) {
      const { remedyKey: _dropped, ...note } = f;
      findings.push({ ...note, severity: 'info' });
      continue;
    }
    if (f.key !== 'call.lowBitrate') {
      findings.push(f);
      continue;
    }
    const base = { kbps: f.params?.kbps ?? null, min: f.params?.min ?? null };
    // Where the upload was measured enough for the call, the finding shows it: the figure that
    // rules the line out (the technician sees why the ISP is not the one to call).
    const shown = uplinkEnough ? { upload: upload?.value ?? null } : {};
    if (camera || cameraMissing) {
      findings.push({
        severity: f.severity,
        key: uplinkEnough ? 'diagnose.call.lowBitrateCameraUplinkOk' : 'diagnose.call.lowBitrateCamera',
        params: { ...base, ...shown },
        remedyKey: 'diagnose.call.lowBitrateCamera.remedy',
      });
    } else if (uplinkShort) {
      findings.push({
        severity: f.severity,
        key: 'diagnose.call.lowBitrateUplink',
        params: { ...base, upload: upload?.value ?? null },
        remedyKey: 'call.lowBitrate.remedy',
      });
    } else if (busy) {
      findings.push({
        severity: f.severity,
        key: uplinkEnough ? 'diagnose.call.lowBitrateBusyUplinkOk' : 'diagnose.call.lowBitrateBusy',
        params: { ...base, load: load?.value ?? null, ...shown },
        remedyKey: 'diagnose.call.lowBitrateBusy.remedy',
      });
    } else if (uplinkEnough) {
      findings.push({
        severity: f.severity,
        key: 'diagnose.call.lowBitrateNotUplink',
        params: { ...base, upload: upload?.value ?? null },
        remedyKey: 'diagnose.call.lowBitrateNotUplink.remedy',
      });
    } else findings.push(f);
  }
  return { ...call, findings };
}

/**
 * A black picture is also a still one: "frozen" for as much of the capture as was black adds a
 * second cause with a wrong remedy (unplug the camera) to the one that is true (lens cap, light).
 * Said only when more of the capture was frozen than black. The metrics stay as measured.
 */
function diagnoseCamera(camera: CheckResult): CheckResult {
  const black = camera.findings.find((f) => f.key === 'camera.black');
  const frozen = camera.findings.find((f) => f.key === 'camera.frozen');
  const pct = (f: Finding) => (typeof f.params?.percent === 'number' ? f.params.percent : Number.NaN);
  if (!black || !frozen || !(pct(frozen) <= pct(black) + 5)) return camera;
  return { ...camera, findings: camera.findings.filter((f) => f !== frozen) };
}

/** Results with findings and statuses rewritten so that each problem is told once, by its cause. */
export function diagnose(results: CheckResult[], ctx: DiagnoseContext): CheckResult[] {
  let out = results.map((r) =>
    r.checkId === 'call' ? diagnoseCall(r, results, ctx.callKbps) : r.checkId === 'camera' ? diagnoseCamera(r) : r,
  );

  // The Department server cannot be reached: the checks that need it report that one cause.
  const network = out.find((r) => r.checkId === 'network' && bad(r) && has(r, ...SERVER_DOWN));
  if (network) {
    out = out.map((r) => (NEEDS_SERVER.includes(r.checkId) && bad(r) ? blocked(r, 'network') : r));
  }

  // No room file and nothing bound: one message, one first step.
  if (ctx.notSetUp) {
    const first = out.find((r) => r.checkId === 'devices');
    const setup: Finding = {
      severity: 'fail',
      key: 'diagnose.notSetUp',
      params: { profile: ctx.profileId },
      remedyKey: 'diagnose.notSetUp.remedy',
      remedyParams: { profile: ctx.profileId },
    };
    let placed = false;
    const merged: CheckResult[] = [];
    for (const r of out) {
      const deviceLess = r.checkId === 'devices' || (NEEDS_DEVICE.includes(r.checkId) && r.status !== 'pass');
      const serverLess =
        r.status !== 'pass' &&
        (has(r, 'network.noServer', 'call.noServer', 'latency.noReflector') ||
          (NEEDS_SERVER.includes(r.checkId) && r.status === 'skip'));
      if (r.checkId === 'devices') {
        if (!placed) {
          merged.push({
            ...(first ?? r),
            targetId: 'default',
            label: '',
            role: undefined,
            uri: undefined,
            required: true,
            status: 'fail',
            metrics: [],
            findings: [setup],
            evidence: [],
          });
          placed = true;
        }
        continue;
      }
      merged.push(deviceLess || serverLess ? blocked(r, 'devices') : r);
    }
    if (!placed)
      merged.unshift({
        checkId: 'devices',
        targetId: 'default',
        label: '',
        required: true,
        status: 'fail',
        startedAt: out[0]?.startedAt ?? new Date().toISOString(),
        durationMs: 0,
        metrics: [],
        findings: [setup],
        evidence: [],
      });
    out = merged;
  }
  return out;
}
