import { readFileSync } from 'node:fs';

/**
 * Is a process still alive and not a zombie (a zombie has exited; it only waits to be reaped)?
 * The state field follows the last ')' of /proc/PID/stat, since a command name may hold ') '.
 */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return true; // no /proc (not Linux): kill(pid, 0) succeeded, so it is there
  }
}
