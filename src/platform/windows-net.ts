// Which network interface and default gateway a Windows PC uses, within a deadline, and what
// could not be learned. One PowerShell call (Get-NetAdapter, Get-NetRoute: link speed, medium,
// gateway) with stdin closed and a hard timeout; when PowerShell is slow (WMI), blocked by policy
// or absent, the gateway comes from `route print -4` (not PowerShell, locale-independent columns)
// and the interface from Node's own table. Never systeminformation here: it leaves a PowerShell
// child waiting on its stdin, which keeps wardkit alive after the check (and hangs under Wine).
import os from 'node:os';
import { powershellArgs, POWERSHELL } from './windows.js';
import { runProcess, type RunResult } from '../proc/process.js';

export interface WinIface {
  iface: string;
  address: string;
  type?: 'wired' | 'wireless';
  /** Mbit/s, when Windows says. */
  speed?: number;
  description?: string;
}

/** Why a piece could not be learned: a catalog key suffix (network.lookupWhy.<code>) and its params. */
export interface LookupGap {
  what: 'interface' | 'gateway' | 'linkSpeed';
  why: 'psTimeout' | 'psEmpty' | 'psFailed' | 'psMissing' | 'routeFailed' | 'notInTable';
  params?: Record<string, string | number>;
}

export interface WinNetLookup {
  iface?: WinIface;
  gateway?: string;
  gaps: LookupGap[];
}

export const PS_NET = `$ErrorActionPreference = 'Stop'
$route = Get-NetRoute -DestinationPrefix '0.0.0.0/0' -ErrorAction SilentlyContinue | Sort-Object RouteMetric | Select-Object -First 1
$adapters = @(Get-NetAdapter | ForEach-Object { [ordered]@{ name = $_.Name; description = $_.InterfaceDescription; index = $_.ifIndex; bps = [double]$_.ReceiveLinkSpeed; medium = [string]$_.PhysicalMediaType; status = [string]$_.Status } })
[ordered]@{ gateway = if ($route) { [string]$route.NextHop } else { $null }; gatewayIndex = if ($route) { [int]$route.ifIndex } else { $null }; adapters = $adapters } | ConvertTo-Json -Compress -Depth 4`;

interface PsNet {
  gateway?: string | null;
  gatewayIndex?: number | null;
  adapters?:
    | Array<{ name?: string; description?: string; index?: number; bps?: number; medium?: string; status?: string }>
    | { name?: string };
}

/** Parse PS_NET's JSON (ConvertTo-Json gives an object, not a one-element array, for one adapter). */
export function parsePsNet(
  text: string,
):
  | { gateway?: string; adapters: Array<{ name: string; description?: string; speed?: number; wireless: boolean }> }
  | undefined {
  let j: PsNet;
  try {
    j = JSON.parse(text.trim()) as PsNet;
  } catch {
    return undefined;
  }
  if (!j || typeof j !== 'object') return undefined;
  const list = Array.isArray(j.adapters) ? j.adapters : j.adapters ? [j.adapters] : [];
  return {
    gateway: j.gateway && j.gateway !== '0.0.0.0' ? j.gateway : undefined,
    adapters: list
      .filter(
        (a): a is { name: string; description?: string; bps?: number; medium?: string } => typeof a?.name === 'string',
      )
      .map((a) => ({
        name: a.name,
        description: a.description,
        speed: typeof a.bps === 'number' && a.bps > 0 ? Math.round(a.bps / 1e6) : undefined,
        wireless: /802\.11|wireless|wi-?fi|wlan/i.test(`${a.medium ?? ''} ${a.description ?? ''}`),
      })),
  };
}

/**
 * The default route in `route print -4`: the row `0.0.0.0  0.0.0.0  GATEWAY  INTERFACE  METRIC`
 * (column order is the same in every Windows language; "On-link" rows have no gateway). Lowest
 * metric wins.
 */
export function parseRoutePrint(text: string): { gateway: string; interface: string } | undefined {
  const ip = /^\d{1,3}(\.\d{1,3}){3}$/;
  let best: { gateway: string; interface: string; metric: number } | undefined;
  for (const line of text.split(/\r?\n/)) {
    const c = line.trim().split(/\s+/);
    if (c.length < 5 || c[0] !== '0.0.0.0' || c[1] !== '0.0.0.0' || !ip.test(c[2]) || !ip.test(c[3])) continue;
    const metric = Number(c[4]);
    if (!best || metric < best.metric)
      best = { gateway: c[2], interface: c[3], metric: Number.isFinite(metric) ? metric : Infinity };
  }
  return best && { gateway: best.gateway, interface: best.interface };
}

/** The interface holding `address` in Node's own table (libuv: the adapter's friendly name on Windows). */
export function ifaceByAddress(
  address: string | undefined,
  table = os.networkInterfaces(),
): { name: string; address: string } | undefined {
  if (!address) return undefined;
  for (const [name, addrs] of Object.entries(table))
    if (addrs?.some((a) => a.address === address)) return { name, address };
  return undefined;
}

export interface WinNetOptions {
  signal?: AbortSignal;
  /** Time for the whole lookup; PowerShell gets most of it, route.exe the rest. */
  budgetMs: number;
  env?: NodeJS.ProcessEnv;
}

/**
 * Run a tool for at most `ms`: past that the answer is "timed out" at once, and the tool is
 * stopped in the background (stopping a process tree can itself take seconds: taskkill, Wine).
 */
async function ask(file: string, args: string[], ms: number, o: WinNetOptions): Promise<RunResult> {
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  o.signal?.addEventListener('abort', onAbort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<RunResult>((resolve) => {
    timer = setTimeout(() => {
      stop.abort();
      resolve({ exitCode: undefined, stdout: '', stderr: '', timedOut: true, aborted: false, durationMs: ms });
    }, ms);
  });
  try {
    return await Promise.race([
      runProcess(file, args, { timeoutMs: ms, signal: stop.signal, env: o.env, stdin: 'ignore' }),
      late,
    ]);
  } finally {
    clearTimeout(timer);
    o.signal?.removeEventListener('abort', onAbort);
  }
}

export async function windowsNetLookup(localAddress: string | undefined, o: WinNetOptions): Promise<WinNetLookup> {
  const started = Date.now();
  const gaps: LookupGap[] = [];
  const psMs = Math.max(1000, Math.round(o.budgetMs * 0.7));
  const own = ifaceByAddress(localAddress);
  let iface: WinIface | undefined = own ? { iface: own.name, address: own.address } : undefined;
  let gateway: string | undefined;

  const ps = await ask(POWERSHELL, powershellArgs(PS_NET), psMs, o);
  const parsed = ps.exitCode === 0 && !ps.timedOut ? parsePsNet(ps.stdout) : undefined;
  let psGap: LookupGap['why'] | undefined;
  let psParams: Record<string, string | number> | undefined;
  if (ps.spawnError) psGap = 'psMissing';
  else if (ps.timedOut) (psGap = 'psTimeout'), (psParams = { seconds: Math.round(psMs / 100) / 10 });
  else if (ps.exitCode !== 0)
    (psGap = 'psFailed'),
      (psParams = { detail: (ps.stderr.trim().split(/\r?\n/)[0] ?? '').slice(0, 160) || `exit ${ps.exitCode ?? '?'}` });
  else if (!parsed) psGap = 'psEmpty';

  if (parsed) {
    gateway = parsed.gateway;
    const a = iface ? parsed.adapters.find((x) => x.name === iface!.iface) : undefined;
    if (a && iface)
      iface = { ...iface, type: a.wireless ? 'wireless' : 'wired', speed: a.speed, description: a.description };
    if (iface && a?.speed === undefined) gaps.push({ what: 'linkSpeed', why: 'notInTable' });
  } else {
    if (iface) gaps.push({ what: 'linkSpeed', why: psGap!, params: psParams });
    const left = o.budgetMs - (Date.now() - started);
    if (left >= 500) {
      const r = await ask('route', ['print', '-4'], left, o);
      const route = r.exitCode === 0 ? parseRoutePrint(r.stdout) : undefined;
      if (route) {
        gateway = route.gateway;
        if (!iface) {
          const byRoute = ifaceByAddress(route.interface);
          if (byRoute) iface = { iface: byRoute.name, address: byRoute.address };
        }
      } else
        gaps.push(
          { what: 'gateway', why: psGap!, params: psParams },
          {
            what: 'gateway',
            why: 'routeFailed',
            params: {
              detail: r.spawnError ? 'route.exe not found' : r.timedOut ? 'timed out' : `exit ${r.exitCode ?? '?'}`,
            },
          },
        );
    } else gaps.push({ what: 'gateway', why: psGap!, params: psParams });
  }
  if (!iface) gaps.push({ what: 'interface', why: 'notInTable', params: { address: localAddress ?? '?' } });
  return { iface, gateway, gaps };
}
