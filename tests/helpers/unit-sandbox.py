#!/usr/bin/python3
# Run a systemd service's ExecStart under the sandbox its unit file asks for, without systemd as
# PID 1 (this container has none, so `systemd-run` cannot start units). Meant to be started as
#   unshare --mount --uts --ipc --propagation private --fork /usr/bin/python3 unit-sandbox.py UNIT [--] [CMD...]
# It reads the [Service] section and applies, the way systemd's namespace and seccomp code does:
#   ProtectSystem=strict   every mount read-only except /dev, /proc, /sys
#   ReadWritePaths=        those paths writable again ("-" prefix: ignored when missing)
#   ProtectHome=read-only  (covered by strict; /home /root /run/user read-only)
#   PrivateTmp=yes         fresh tmpfs on /tmp and /var/tmp
#   BindReadOnlyPaths=     host paths bound read-only into the sandbox (after PrivateTmp)
#   ProtectKernelTunables= /proc/sys, /sys read-only;  ProtectControlGroups= /sys/fs/cgroup read-only
#   ProtectHostname=       own UTS namespace (unshare --uts)
#   UMask=                 process umask;  WorkingDirectory= (default /)
#   NoNewPrivileges=yes, CapabilityBoundingSet= (empty)   via setpriv
#   SystemCallFilter= (allow list with @groups and ~deny lists), SystemCallErrorNumber=,
#   SystemCallArchitectures=native, RestrictAddressFamilies=   via libseccomp (python3-seccomp)
# Settings it cannot reproduce without systemd (DevicePolicy/DeviceAllow need the cgroup device
# controller of a unit's cgroup) are printed on stderr as "not emulated: ...".
# CMD, when given, replaces ExecStart (to run another wardkit command in the same sandbox).
# Environment: like a system service, only PATH and LANG, plus SANDBOX_ENV_* variables passed
# through without the prefix (e.g. SANDBOX_ENV_PULSE_SERVER).
import errno
import json
import os
import shlex
import subprocess
import sys
import tempfile

EMULATED = {
    'ExecStart', 'Type', 'SuccessExitStatus', 'TimeoutStartSec', 'NoNewPrivileges', 'ProtectSystem', 'ProtectHome',
    'ReadWritePaths', 'PrivateTmp', 'BindReadOnlyPaths', 'UMask', 'CapabilityBoundingSet', 'AmbientCapabilities',
    'ProtectKernelTunables', 'ProtectControlGroups', 'ProtectHostname', 'PrivateMounts', 'SystemCallFilter',
    'SystemCallErrorNumber', 'SystemCallArchitectures', 'RestrictAddressFamilies', 'WorkingDirectory',
}


def parse_service(path):
    settings = {}
    section = None
    for raw in open(path, encoding='utf-8'):
        line = raw.strip()
        if not line or line[0] in '#;':
            continue
        if line.startswith('['):
            section = line.strip('[]')
            continue
        if section != 'Service':
            continue
        key, _, value = line.partition('=')
        values = settings.setdefault(key.strip(), [])
        value = value.strip()
        if value == '' and key.strip() not in ('CapabilityBoundingSet', 'AmbientCapabilities'):
            values.clear()  # an empty assignment resets a list setting
        else:
            values.append(value)
    return settings


def last(settings, key, default=None):
    v = settings.get(key)
    return v[-1] if v else default


def yes(settings, key):
    return (last(settings, key) or '').lower() in ('yes', 'true', '1', 'on', 'strict', 'full', 'read-only')


def paths(settings, key):
    out = []
    for v in settings.get(key, []):
        for p in shlex.split(v):
            optional = p.startswith('-')
            out.append((p.lstrip('-+'), optional))
    return out


def mount(*args):
    subprocess.run(['mount', *args], check=True)


def mountpoints():
    out = []
    with open('/proc/self/mountinfo') as f:
        for line in f:
            mp = line.split()[4].encode().decode('unicode_escape')
            out.append(mp)
    return out


def under(p, roots):
    return any(p == r or p.startswith(r.rstrip('/') + '/') for r in roots)


def setup_mounts(s):
    rw = [(p, opt) for p, opt in paths(s, 'ReadWritePaths') if os.path.exists(p) or not opt]
    binds = [(p, opt) for p, opt in paths(s, 'BindReadOnlyPaths') if os.path.exists(p) or not opt]
    # Bound-in host paths are picked up now, before PrivateTmp hides them.
    stage = None
    if binds:
        stage = tempfile.mkdtemp(prefix='wardkit-outputs-sandbox-', dir='/dev/shm')
        mount('-t', 'tmpfs', 'tmpfs', stage)
        for i, (p, _) in enumerate(binds):
            d = os.path.join(stage, str(i))
            os.mkdir(d) if os.path.isdir(p) else open(d, 'w').close()
            mount('--bind', p, d)
    for p, _ in rw:
        mount('--bind', p, p)
    if last(s, 'ProtectSystem') == 'strict':
        keep = ['/dev', '/proc', '/sys']
        for mp in mountpoints():
            if under(mp, keep) or (stage and under(mp, [stage])):
                continue
            mount('-o', 'remount,bind,ro', mp)
        for p, _ in rw:
            mount('-o', 'remount,bind,rw', p)
    if yes(s, 'ProtectKernelTunables'):
        for p in ('/proc/sys', '/sys'):
            mount('--bind', p, p)
            mount('-o', 'remount,bind,ro', p)
    if yes(s, 'ProtectControlGroups') and os.path.isdir('/sys/fs/cgroup'):
        mount('--bind', '/sys/fs/cgroup', '/sys/fs/cgroup')
        mount('-o', 'remount,bind,ro', '/sys/fs/cgroup')
    if yes(s, 'PrivateTmp'):
        for t in ('/tmp', '/var/tmp'):
            mount('-t', 'tmpfs', '-o', 'mode=1777,nosuid,nodev', 'tmpfs', t)
    for i, (p, _) in enumerate(binds):
        src = os.path.join(stage, str(i))
        if os.path.isdir(src):
            os.makedirs(p, exist_ok=True)
        elif not os.path.exists(p):
            open(p, 'w').close()
        mount('--bind', src, p)
        mount('-o', 'remount,bind,ro', p)


_GROUPS = None


def expand_group(name, seen=None):
    """A systemd syscall group (@name) to syscall names, recursively, from one `systemd-analyze syscall-filter`."""
    global _GROUPS
    if _GROUPS is None:
        _GROUPS = {}
        current = None
        out = subprocess.run(['systemd-analyze', 'syscall-filter'], check=True, capture_output=True, text=True).stdout
        for line in out.splitlines():
            if line.startswith('@'):
                current = _GROUPS.setdefault(line.strip(), [])
            elif current is not None and line.startswith('    ') and not line.strip().startswith('#'):
                current.append(line.strip())
            elif not line.strip():
                current = None
    seen = seen if seen is not None else set()
    if name in seen:
        return set()
    seen.add(name)
    calls = set()
    for item in _GROUPS.get(name, []):
        calls |= expand_group(item, seen) if item.startswith('@') else {item}
    return calls


def seccomp_config(s):
    filters = s.get('SystemCallFilter', [])
    families = ' '.join(s.get('RestrictAddressFamilies', [])).split()
    if not filters and not families:
        return None
    allow = None
    for f in filters:
        deny = f.startswith('~')
        names = set()
        for item in f.lstrip('~').split():
            names |= expand_group(item) if item.startswith('@') else {item}
        if deny:
            if allow is None:
                raise SystemExit('unit-sandbox: a deny-only SystemCallFilter is not emulated')
            allow -= names
        else:
            allow = (allow if allow is not None else expand_group('@default')) | names
    err = last(s, 'SystemCallErrorNumber')
    return {'allow': sorted(allow) if allow is not None else None, 'errno': err, 'families': families,
            'native': last(s, 'SystemCallArchitectures') == 'native'}


def load_seccomp(conf):
    import seccomp
    err = conf['errno']
    if conf['allow'] is None:
        f = seccomp.SyscallFilter(seccomp.ALLOW)
    else:
        # Without SystemCallErrorNumber= systemd kills the process on a forbidden call.
        f = seccomp.SyscallFilter(seccomp.ERRNO(getattr(errno, err)) if err else seccomp.KILL_PROCESS)
        for name in conf['allow']:
            if name in ('socket',) and conf['families']:
                continue
            try:
                f.add_rule(seccomp.ALLOW, name)
            except (RuntimeError, ValueError, OSError):
                pass  # a name this kernel/arch does not have
    if conf['families']:
        import socket as pysocket
        for fam in conf['families']:
            f.add_rule(seccomp.ALLOW, 'socket', seccomp.Arg(0, seccomp.EQ, int(getattr(pysocket, fam))))
        if conf['allow'] is None:
            raise SystemExit('unit-sandbox: RestrictAddressFamilies without an allow list is not emulated')
    f.load()


def main():
    unit = sys.argv[1]
    cmd = sys.argv[2:]
    if cmd and cmd[0] == '--':
        cmd = cmd[1:]
    s = parse_service(unit)
    for key in sorted(set(s) - EMULATED):
        print(f'not emulated: {key}={" ".join(s[key])}', file=sys.stderr)
    if not cmd:
        cmd = shlex.split(last(s, 'ExecStart'))
    setup_mounts(s)
    conf = seccomp_config(s)
    env = {'PATH': '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'LANG': os.environ.get('LANG', 'C.UTF-8')}
    for k, v in os.environ.items():
        if k.startswith('SANDBOX_ENV_'):
            env[k[len('SANDBOX_ENV_'):]] = v
    # A system service starts in WorkingDirectory=, by default the root directory.
    os.chdir(last(s, 'WorkingDirectory', '/').lstrip('-'))
    umask = last(s, 'UMask')
    if umask is not None:
        os.umask(int(umask, 8))
    prefix = ['setpriv']
    if yes(s, 'NoNewPrivileges'):
        prefix.append('--no-new-privs')
    if 'CapabilityBoundingSet' in s and s['CapabilityBoundingSet'] == ['']:
        prefix += ['--bounding-set=-all', '--inh-caps=-all', '--ambient-caps=-all']
    prefix.append('--')
    if conf:
        # setpriv runs this script again in seccomp mode: the filter is the last thing loaded before exec.
        prefix += [sys.executable, os.path.abspath(__file__), '--seccomp', json.dumps(conf), '--']
    os.execvpe(prefix[0], prefix + cmd, env)


if __name__ == '__main__':
    if len(sys.argv) > 2 and sys.argv[1] == '--seccomp':
        load_seccomp(json.loads(sys.argv[2]))
        rest = sys.argv[4:] if sys.argv[3] == '--' else sys.argv[3:]
        os.execvp(rest[0], rest)
    main()
