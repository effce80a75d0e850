// What `wardkit schedule install` writes for each scheduler. Pure functions of the plan, so tests
// compare the exact text; writing files and enabling live in index.ts.
import { cronWord, shWord, systemdPath, systemdWord, windowsArg, xmlEscape } from './quote.js';

export type Backend = 'systemd' | 'cron' | 'windows';

export interface SchedulePlan {
  hour: number;
  minute: number;
  /** Random delay added to the start, seconds (0: none). */
  delaySec: number;
  /** Program and arguments of the nightly check, e.g. [node, wardkit.js, 'check', '--room', FILE, '--submit']. */
  command: string[];
  /** systemd: a user unit (~/.config/systemd/user) or a system one. */
  user: boolean;
  /** The folders the job writes (its spool): the only writable paths of the systemd sandbox. */
  writable?: string[];
  /** Paths the job reads that lie in /tmp or /var/tmp (PrivateTmp would hide them): bound in read-only. */
  readOnly?: string[];
}

export const UNIT = 'wardkit-check';
export const CRON_FILE = 'wardkit.crontab';
export const CRON_MARK = '# wardkit-check';
export const TASK_NAME = 'wardkit\\nightly-check';
export const TASK_FILE = 'wardkit-check.xml';

const pad = (n: number) => String(n).padStart(2, '0');

export function systemdUnits(p: SchedulePlan): Record<string, string> {
  const service = `# Installed by \`wardkit schedule install\`; remove with \`wardkit schedule remove\`.
[Unit]
Description=wardkit nightly room check
Wants=network-online.target
After=network-online.target

[Service]
Type=oneshot
ExecStart=${p.command.map(systemdWord).join(' ')}
# wardkit check exits 1 (DEGRADED) or 2 (NOT READY) for a room that is not ready: a result, not a failure of the job.
SuccessExitStatus=1 2
TimeoutStartSec=30min
# Sandbox (docs/scheduling.md): read-only system, private /tmp, no privileges, private files.
NoNewPrivileges=yes
CapabilityBoundingSet=
AmbientCapabilities=
ProtectSystem=strict
ProtectHome=read-only
${(p.writable ?? []).map((d) => `ReadWritePaths=${systemdPath(d)}\n`).join('')}PrivateTmp=yes
# The X server's sockets live in /tmp: the display check still reaches them.
BindReadOnlyPaths=-/tmp/.X11-unix
${(p.readOnly ?? []).map((d) => `BindReadOnlyPaths=${systemdPath(d)}\n`).join('')}UMask=0077
PrivateMounts=yes
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectKernelLogs=yes
ProtectControlGroups=yes
ProtectClock=yes
ProtectHostname=yes
ProtectProc=invisible
RestrictNamespaces=yes
RestrictRealtime=yes
RestrictSUIDSGID=yes
LockPersonality=yes
KeyringMode=private
# Cameras (V4L2) and sound cards (ALSA) stay reachable; no other device.
DevicePolicy=closed
DeviceAllow=char-video4linux rw
DeviceAllow=char-alsa rw
# IPv4/IPv6 to the server, Unix sockets to PulseAudio and X, netlink for the interface list.
RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK
SystemCallArchitectures=native
SystemCallFilter=@system-service
SystemCallFilter=~@privileged
SystemCallErrorNumber=EPERM
# Not set: MemoryDenyWriteExecute (Node's JIT needs it), PrivateDevices (would hide the camera), PrivateNetwork.
`;
  const timer = `# Installed by \`wardkit schedule install\`; remove with \`wardkit schedule remove\`.
[Unit]
Description=wardkit nightly room check at ${pad(p.hour)}:${pad(p.minute)}

[Timer]
OnCalendar=*-*-* ${pad(p.hour)}:${pad(p.minute)}:00
RandomizedDelaySec=${p.delaySec}
Persistent=true
Unit=${UNIT}.service

[Install]
WantedBy=timers.target
`;
  return { [`${UNIT}.service`]: service, [`${UNIT}.timer`]: timer };
}

/** One crontab line. cron has no random delay: `wardkit check --random-delay` waits instead of shell arithmetic. */
export function cronEntry(p: SchedulePlan): string {
  const args = p.delaySec > 0 ? [...p.command, '--random-delay', `${p.delaySec}s`] : p.command;
  return `# Installed by \`wardkit schedule install\`; remove with \`wardkit schedule remove\`.
${p.minute} ${p.hour} * * * ${args.map(cronWord).join(' ')} ${CRON_MARK}
`;
}

/**
 * Task Scheduler XML (schtasks /Create /XML). Written as UTF-16LE with a BOM, as schtasks expects.
 * Elements in the order of Microsoft's Task Scheduler schema (a trigger's Enabled before its
 * StartBoundary); version 1.3, the one the published schema fixes (Windows 7 and later).
 */
export function windowsTask(p: SchedulePlan): string {
  const [program, ...args] = p.command;
  return `<?xml version="1.0" encoding="UTF-16"?>
<Task version="1.3" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">
  <RegistrationInfo>
    <Description>wardkit nightly room check (installed by wardkit schedule install)</Description>
    <URI>\\${xmlEscape(TASK_NAME)}</URI>
  </RegistrationInfo>
  <Triggers>
    <CalendarTrigger>
      <Enabled>true</Enabled>
      <StartBoundary>2026-01-01T${pad(p.hour)}:${pad(p.minute)}:00</StartBoundary>
${p.delaySec > 0 ? `      <RandomDelay>PT${p.delaySec}S</RandomDelay>\n` : ''}      <ScheduleByDay>
        <DaysInterval>1</DaysInterval>
      </ScheduleByDay>
    </CalendarTrigger>
  </Triggers>
  <Principals>
    <Principal id="Author">
      <LogonType>InteractiveToken</LogonType>
      <RunLevel>LeastPrivilege</RunLevel>
    </Principal>
  </Principals>
  <Settings>
    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>
    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>
    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>
    <StartWhenAvailable>true</StartWhenAvailable>
    <ExecutionTimeLimit>PT1H</ExecutionTimeLimit>
    <Enabled>true</Enabled>
  </Settings>
  <Actions Context="Author">
    <Exec>
      <Command>${xmlEscape(windowsArg(program))}</Command>
      <Arguments>${xmlEscape(args.map(windowsArg).join(' '))}</Arguments>
    </Exec>
  </Actions>
</Task>
`;
}

/** The exact commands that turn the written files on (the user's step) or off. */
export function enableCommand(backend: Backend, file: string, user: boolean, userName?: string): string {
  const u = user ? ' --user' : '';
  // A user's timer runs only while that user is logged in, unless lingering is on.
  const linger = user && userName ? `loginctl enable-linger ${shWord(userName)} && ` : '';
  if (backend === 'systemd') return `${linger}systemctl${u} daemon-reload && systemctl${u} enable --now ${UNIT}.timer`;
  if (backend === 'cron')
    return `( crontab -l 2>/dev/null | grep -vF ${shWord(CRON_MARK)}; cat ${shWord(file)} ) | crontab -`;
  return `schtasks /Create /TN "${TASK_NAME}" /XML ${windowsArg(file)} /F`;
}

export function disableCommand(backend: Backend, user: boolean): string {
  const u = user ? ' --user' : '';
  if (backend === 'systemd') return `systemctl${u} disable --now ${UNIT}.timer && systemctl${u} daemon-reload`;
  if (backend === 'cron') return `crontab -l | grep -vF ${shWord(CRON_MARK)} | crontab -`;
  return `schtasks /Delete /TN "${TASK_NAME}" /F`;
}

export function backendFiles(backend: Backend): string[] {
  if (backend === 'systemd') return [`${UNIT}.service`, `${UNIT}.timer`];
  if (backend === 'cron') return [CRON_FILE];
  return [TASK_FILE];
}
