#!/usr/bin/env python3
"""Drive a program through a pseudo-terminal, as a technician at a keyboard would.

usage: pty-drive.py STEPS_JSON -- PROGRAM ARGS...
STEPS_JSON: [{"expect": "regex", "send": "keys"}, ...]; each step waits (at most TIMEOUT s) until
the regex appears in the output since the previous step, then types the keys. Prints the whole
transcript to stdout and exits with the program's exit code (124 on a step timeout).
"""
import json, os, pty, re, select, sys, time

TIMEOUT = float(os.environ.get("PTY_STEP_TIMEOUT", "30"))

def main():
    steps = json.loads(sys.argv[1])
    argv = sys.argv[sys.argv.index("--") + 1:]
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(argv[0], argv)
    out = b""
    seen = 0
    code = None

    def pump(deadline):
        nonlocal out
        r, _, _ = select.select([fd], [], [], max(0.0, min(0.2, deadline - time.time())))
        if r:
            try:
                data = os.read(fd, 65536)
            except OSError:
                return False
            if not data:
                return False
            out += data
        return True

    for step in steps:
        deadline = time.time() + TIMEOUT
        pat = re.compile(step["expect"])
        while True:
            text = out[seen:].decode("utf-8", "replace")
            m = pat.search(re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text))
            if m:
                seen = len(out)
                break
            if time.time() > deadline or not pump(deadline):
                sys.stdout.write(out.decode("utf-8", "replace"))
                sys.stdout.write("\n[pty-drive] timed out waiting for %r\n" % step["expect"])
                os.kill(pid, 9)
                os.waitpid(pid, 0)
                sys.exit(124)
        time.sleep(0.15)
        os.write(fd, step["send"].encode("utf-8"))
    deadline = time.time() + TIMEOUT
    while time.time() < deadline and pump(deadline):
        pass
    _, status = os.waitpid(pid, 0)
    sys.stdout.write(out.decode("utf-8", "replace"))
    sys.exit(os.waitstatus_to_exitcode(status) if hasattr(os, "waitstatus_to_exitcode") else status >> 8)

main()
