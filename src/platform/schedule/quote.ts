// Quoting for the three places a nightly command line is written. Every path and argument goes
// through one of these; a value with a newline or NUL is refused (no quoting makes it safe).

export function refuseControl(arg: string): void {
  if (/[\0\r\n]/.test(arg)) throw new Error(`argument contains a line break or NUL: ${JSON.stringify(arg)}`);
}

/** One ExecStart= word: double-quoted, C escapes, `%` → `%%` (specifiers), `$` → `$$` (variables). */
export function systemdWord(arg: string): string {
  refuseControl(arg);
  return `"${arg.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/%/g, '%%').replace(/\$/g, '$$$$')}"`;
}

/** One path of a path-list setting (ReadWritePaths=): quoted, C escapes, `%` → `%%`; no variables there. */
export function systemdPath(path: string): string {
  refuseControl(path);
  return `"${path.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/%/g, '%%')}"`;
}

/** POSIX sh single quotes: nothing inside is special except the quote itself. */
export function shWord(arg: string): string {
  refuseControl(arg);
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** A crontab command word: sh-quoted, then `%` escaped (cron turns an unescaped % into a newline). */
export function cronWord(arg: string): string {
  return shWord(arg).replace(/%/g, '\\%');
}

/** One Windows command-line argument (CommandLineToArgvW rules). */
export function windowsArg(arg: string): string {
  refuseControl(arg);
  if (arg !== '' && !/[\s"]/.test(arg)) return arg;
  let out = '"';
  let slashes = 0;
  for (const ch of arg) {
    if (ch === '\\') {
      slashes++;
      continue;
    }
    if (ch === '"') out += '\\'.repeat(slashes * 2 + 1) + '"';
    else out += '\\'.repeat(slashes) + ch;
    slashes = 0;
  }
  return out + '\\'.repeat(slashes * 2) + '"';
}

export function xmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}
