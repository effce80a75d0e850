// The display check: the TV or monitor the profile's display role asks for is connected (by
// name / vendor pattern and connection kind) and runs at least the required mode.
import { matchesAny } from '../profiles/patterns.js';
import { explainError } from '../i18n/system-errors.js';
import { listDisplays } from '../media/display/sources.js';
import type { DisplayInfo } from '../media/display/types.js';
import { parseDeviceUri, UriError } from '../media/uri.js';
import type { Role } from '../profiles/types.js';
import { metric, statusOf } from '../domain/verdict.js';
import { kindTargets } from './targets.js';
import type { Check, RoomContext } from './types.js';
import { failed, type CheckOutcome, type Finding, type Metric } from '../domain/result.js';

const parseWxH = (s: string | undefined): [number, number] | undefined => {
  const m = s ? /^(\d+)\s*x\s*(\d+)$/i.exec(s.trim()) : null;
  return m ? [Number(m[1]), Number(m[2])] : undefined;
};

/** Required mode: role minResolution, else role resolution, else thresholds.display; refresh likewise. */
export function displayRequirement(
  role: Role | undefined,
  room: RoomContext,
): { width: number; height: number; refreshHz: number } {
  const th = room.profile.thresholds.display;
  const wh = parseWxH(role?.settings?.minResolution) ??
    parseWxH(role?.settings?.resolution) ?? [th.minWidth, th.minHeight];
  return { width: wh[0], height: wh[1], refreshHz: role?.settings?.minRefreshHz ?? th.minRefreshHz };
}

const describe = (d: DisplayInfo) =>
  [d.vendor, d.name].filter(Boolean).join(' ') + (d.connection ? ` (${d.connection})` : '');
const mode = (d: DisplayInfo) => `${d.width ?? '?'}x${d.height ?? '?'}${d.refreshHz ? `@${d.refreshHz}Hz` : ''}`;

export const displayCheck: Check = {
  id: 'display',
  titleKey: 'check.title.display',
  timeoutMs: 10_000,
  targets: kindTargets('display'),
  resources: () => [],
  async run(target, ctx): Promise<CheckOutcome> {
    const role = target.role;
    let uri;
    try {
      uri = target.uri ? parseDeviceUri(target.uri) : undefined;
    } catch (err) {
      if (err instanceof UriError)
        return failed('display.badUri', { uri: err.uri, reason: err.reason }, 'display.badUri.remedy');
      throw err;
    }
    let listing;
    try {
      listing = await listDisplays(uri, {
        signal: ctx.signal,
        timeoutMs: Math.max(1000, ctx.deadline - Date.now() - 500),
      });
    } catch (err) {
      if (err instanceof UriError)
        return failed('display.badUri', { uri: err.uri, reason: err.reason }, 'display.badUri.remedy');
      throw err;
    }
    const details: Record<string, unknown> = { displays: listing.displays };
    if (listing.unavailable && !listing.displays.length) {
      return failed(
        'display.unavailable',
        { reason: listing.unavailable, why: explainError(listing.unavailable, 'display').key },
        'display.unavailable.remedy',
        { unobserved: 'cannot-observe', details },
      );
    }
    const namePattern = uri?.backend === 'display' ? uri.target : undefined;
    // A display the technician named (`display:NAME`) is theirs: the profile's patterns only
    // recognise displays that nobody named.
    const wanted = listing.displays.filter((d) =>
      namePattern
        ? matchesAny([namePattern], [d.name, d.model, d.vendor])
        : (!role?.match?.name?.length || matchesAny(role.match.name, [d.name, d.model, d.output])) &&
          (!role?.match?.vendor?.length || matchesAny(role.match.vendor, d.vendor)) &&
          (!role?.match?.connection?.length || role.match.connection.some((c) => c.toLowerCase() === d.connection)),
    );
    if (!wanted.length && listing.displays.length && !namePattern) {
      // Connected but not recognised: name it and give the exact line that binds it.
      const d = listing.displays.find((x) => x.connection && x.connection !== 'internal') ?? listing.displays[0];
      const name = d.name ?? d.model ?? d.output ?? '?';
      const params = {
        name: describe(d) || name,
        mode: mode(d),
        role: target.role?.id ?? target.id,
        uri: `display:${name}`,
      };
      const f: Finding = {
        severity: 'fail',
        key: 'display.notRecognised',
        params,
        remedyKey: 'display.notRecognised.remedy',
      };
      return { status: 'fail', findings: [f], details };
    }
    if (!wanted.length) {
      const want =
        [
          ...new Set(
            [
              namePattern,
              ...(role?.match?.name ?? []),
              ...(role?.match?.vendor ?? []),
              ...(role?.match?.connection ?? []),
            ].filter(Boolean),
          ),
        ].join(', ') || '*';
      const found = listing.displays.map((d) => `${describe(d)} ${mode(d)}`).join('; ') || '—';
      const f: Finding = {
        severity: 'fail',
        key: listing.displays.length ? 'display.notMatched' : 'display.none',
        params: { wanted: want, found },
        remedyKey: 'display.none.remedy',
      };
      return { status: 'fail', findings: [f], details };
    }
    const d = wanted.find((x) => x.main) ?? wanted[0];
    details.display = d;
    const req = displayRequirement(role, ctx.room);
    const metrics: Metric[] = [
      metric('width', d.width, 'px', { better: 'higher', fail: req.width }),
      metric('height', d.height, 'px', { better: 'higher', fail: req.height }),
    ];
    const findings: Finding[] = [
      { severity: 'info', key: 'display.found', params: { display: describe(d), mode: mode(d) } },
    ];
    if (metrics.some((m) => m.verdict === 'fail')) {
      findings.push({
        severity: 'fail',
        key: 'display.lowResolution',
        params: { actual: `${d.width ?? '?'}x${d.height ?? '?'}`, required: `${req.width}x${req.height}` },
        remedyKey: 'display.lowResolution.remedy',
      });
    }
    if (d.refreshHz === null)
      findings.push({ severity: 'info', key: 'display.refreshUnknown', params: { required: req.refreshHz } });
    else {
      const r = metric('refreshRate', d.refreshHz, 'Hz', { better: 'higher', fail: req.refreshHz });
      metrics.push(r);
      if (r.verdict === 'fail')
        findings.push({
          severity: 'fail',
          key: 'display.lowRefresh',
          params: { actual: d.refreshHz, required: req.refreshHz },
          remedyKey: 'display.lowRefresh.remedy',
        });
    }
    return { status: statusOf(metrics, findings), metrics, findings, details };
  },
};
