import { describe, expect, it } from 'vitest';
import { findDevice, matchRole, matchRoles } from '../../src/apply/match.js';
import type { Inventory, InventoryDevice } from '../../src/media/inventory.js';
import type { Role } from '../../src/profiles/types.js';

const dev = (
  kind: InventoryDevice['kind'],
  uri: string,
  name: string,
  extra: Partial<InventoryDevice> = {},
): InventoryDevice => ({ kind, uri, name, source: 'test', ...extra });
const inv = (...devices: InventoryDevice[]): Inventory => ({ devices, unavailable: [] });
const role = (id: string, kind: Role['kind'], match?: Role['match'], extra: Partial<Role> = {}): Role => ({
  id,
  kind,
  required: true,
  match,
  ...extra,
});

describe('matchRole', () => {
  const inventory = inv(
    dev('speaker', 'pulse:jabra_sink', 'Jabra SPEAK 510', { vendor: 'GN Netcom' }),
    dev('speaker', 'pulse:hdmi_sink', 'HDMI TV'),
    dev('microphone', 'pulse:jabra_sink.monitor', 'Monitor of Jabra SPEAK 510', { caps: { monitor: true } }),
    dev('microphone', 'pulse:jabra_src', 'Jabra SPEAK 510'),
    dev('camera', 'v4l2:/dev/video0', 'Logitech BRIO'),
    dev('camera', 'v4l2:/dev/video2', 'Logitech C920'),
  );
  it('fixed device: no discovery needed', () => {
    expect(matchRole(role('cam', 'camera', undefined, { device: 'lavfi:testsrc2' }), inv())).toMatchObject({
      status: 'fixed',
      uri: 'lavfi:testsrc2',
    });
  });
  it('a glob that fits one device matches it', () => {
    expect(matchRole(role('spk', 'speaker', { name: ['*jabra*'] }), inventory)).toMatchObject({
      status: 'matched',
      uri: 'pulse:jabra_sink',
    });
  });
  it('an exact name matches; a sink monitor is never taken for a microphone', () => {
    expect(matchRole(role('mic', 'microphone', { name: ['*Jabra*'] }), inventory)).toMatchObject({
      status: 'matched',
      uri: 'pulse:jabra_src',
    });
    expect(matchRole(role('cam', 'camera', { name: ['Logitech BRIO'] }), inventory)).toMatchObject({
      status: 'matched',
      uri: 'v4l2:/dev/video0',
    });
  });
  it('an exact name beats a pattern that also fits another device', () => {
    const m = matchRole(role('cam', 'camera', { name: ['Logitech C920', '*Logitech*'] }), inventory);
    expect(m).toMatchObject({ status: 'matched', uri: 'v4l2:/dev/video2' });
  });
  it('a regex pattern matches', () => {
    expect(matchRole(role('tv', 'speaker', { name: ['/^hdmi/i'] }), inventory)).toMatchObject({
      status: 'matched',
      uri: 'pulse:hdmi_sink',
    });
  });
  it('vendor must match too when given', () => {
    expect(matchRole(role('spk', 'speaker', { name: ['*'], vendor: ['*GN*'] }), inventory)).toMatchObject({
      status: 'matched',
      uri: 'pulse:jabra_sink',
    });
    expect(matchRole(role('spk', 'speaker', { name: ['*jabra*'], vendor: ['*Poly*'] }), inventory).status).toBe(
      'missing',
    );
  });
  it('two equally good devices are ambiguous, with both as candidates', () => {
    const m = matchRole(role('cam', 'camera', { name: ['*Logitech*'] }), inventory);
    expect(m.status).toBe('ambiguous');
    expect(m.candidates.map((c) => c.device.uri).sort()).toEqual(['v4l2:/dev/video0', 'v4l2:/dev/video2']);
  });
  it('no role pattern and several devices of the kind → ambiguous', () => {
    expect(matchRole(role('spk', 'speaker'), inventory).status).toBe('ambiguous');
  });
  it('nothing fits → missing', () => {
    expect(matchRole(role('cam', 'camera', { name: ['*Poly*'] }), inventory)).toMatchObject({
      status: 'missing',
      candidates: [],
    });
    expect(matchRole(role('d', 'display', { name: ['*'] }), inventory).status).toBe('missing');
  });
  it('one device is not silently given to two roles of the same kind', () => {
    const [a, b] = matchRoles(
      [role('spk1', 'speaker', { name: ['*jabra*'] }), role('spk2', 'speaker', { name: ['*SPEAK*'] })],
      inventory,
    );
    expect(a.status).toBe('matched');
    expect(b.status).toBe('ambiguous');
  });
  it('findDevice takes a URI or an exact name', () => {
    expect(findDevice(inventory, 'camera', 'v4l2:/dev/video2')?.name).toBe('Logitech C920');
    expect(findDevice(inventory, 'camera', 'logitech brio')?.uri).toBe('v4l2:/dev/video0');
    expect(findDevice(inventory, 'speaker', 'Logitech BRIO')).toBeUndefined();
  });
});

describe('name patterns also see the device id', () => {
  it('matches the PulseAudio node name or device path when the shown name does not fit', () => {
    const inventory = inv(
      dev('speaker', 'pulse:alsa_output.usb-GN_Netcom_Jabra_SPEAK_510-00.analog-stereo', 'Null Output'),
      dev('speaker', 'pulse:hdmi', 'Null Output'),
    );
    expect(matchRole(role('spk', 'speaker', { name: ['alsa_output.usb-*Jabra*'] }), inventory)).toMatchObject({
      status: 'matched',
      uri: 'pulse:alsa_output.usb-GN_Netcom_Jabra_SPEAK_510-00.analog-stereo',
    });
    expect(matchRole(role('spk', 'speaker', { name: ['hdmi'] }), inventory)).toMatchObject({
      status: 'matched',
      uri: 'pulse:hdmi',
    });
  });
});
