import { checkIds } from '../../src/checks/registry.js';
import { describe, expect, it } from 'vitest';
import { bindDevices, selectChecks } from '../../src/app/check-session.js';
import { UsageError } from '../../src/errors.js';
import { loadProfile } from '../../src/profiles/resolve.js';

describe('bindDevices / --device ROLE=URI', async () => {
  const p = await loadProfile('hq-reception');

  it('a role id binds one role; a kind binds every role of that kind', () => {
    expect(bindDevices(p, {}, ['tv=file:/tmp/x.png'])).toEqual({ tv: 'file:/tmp/x.png' });
    expect(bindDevices(p, {}, ['camera=lavfi:testsrc2'])).toEqual({
      'room-camera': 'lavfi:testsrc2',
      'wide-camera': 'lavfi:testsrc2',
      'document-camera': 'lavfi:testsrc2',
    });
  });

  it('later flags win over earlier ones and over the room file; a role id wins over a kind', () => {
    const d = bindDevices(p, { 'room-camera': 'v4l2:/dev/video0', tv: 'x:1' }, [
      'camera=lavfi:a',
      'room-camera=lavfi:b',
    ]);
    expect(d['room-camera']).toBe('lavfi:b');
    expect(d['wide-camera']).toBe('lavfi:a');
    expect(d.tv).toBe('x:1');
  });

  it('the URI may itself contain "="', () => {
    expect(bindDevices(p, {}, ['room-microphone=lavfi:sine=f=1000'])['room-microphone']).toBe('lavfi:sine=f=1000');
  });

  it.each(['camera', '=lavfi:x', 'camera=', ''])('"%s" is a usage error', (spec) => {
    expect(() => bindDevices(p, {}, [spec])).toThrow(UsageError);
    try {
      bindDevices(p, {}, [spec]);
    } catch (e) {
      expect((e as UsageError).key).toBe('check.badDevice');
    }
  });

  it('an unknown role names the roles the profile has', () => {
    try {
      bindDevices(p, {}, ['projector=x:1']);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(UsageError);
      expect((e as UsageError).key).toBe('check.unknownRole');
      expect(String((e as UsageError).params.roles)).toContain('wide-camera');
    }
  });

  it('fixed devices of a profile are the starting point', async () => {
    const sim = { ...p, roles: p.roles.map((r) => (r.id === 'tv' ? { ...r, device: 'sim:display' } : r)) };
    expect(bindDevices(sim, {}, [])).toEqual({ tv: 'sim:display' });
  });
});

describe('selectChecks', () => {
  it('--only and --skip', () => {
    expect(selectChecks(['host'])).toEqual(['host']);
    expect(selectChecks(undefined, ['host'])).not.toContain('host');
    // Skipping every registered check leaves nothing to run: a usage error.
    expect(() => selectChecks(undefined, checkIds())).toThrow(UsageError);
    expect(() => selectChecks(['nope'])).toThrow(UsageError);
  });
});
