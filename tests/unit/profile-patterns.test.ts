import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compilePattern, deviceMatches, matchesAny, patternMatches } from '../../src/profiles/patterns.js';
import { loadProfile, resolveProfileFile } from '../../src/profiles/resolve.js';
import { tempDir } from '../helpers/temp.js';

describe('match patterns', () => {
  it('globs are whole-string and case-insensitive; regexes are /…/flags', () => {
    expect(matchesAny(['*logitech*'], 'Logitech BRIO')).toBe(true);
    expect(matchesAny(['Logitech'], 'Logitech BRIO')).toBe(false);
    expect(matchesAny(['C92?e'], 'c925e')).toBe(true);
    expect(matchesAny(['*(USB)*'], 'Speaker (USB) 2')).toBe(true); // parentheses are literal in a glob
    expect(matchesAny(['/^hdmi/i'], 'HDMI 1')).toBe(true);
    expect(matchesAny(['/^hdmi/'], 'HDMI 1')).toBe(false);
  });
  it('bad regexes and flags do not compile', () => {
    expect(compilePattern('/[a/').ok).toBe(false);
    expect(compilePattern('/a/g').ok).toBe(false);
    expect(compilePattern('/a/ii').ok).toBe(false);
    expect(compilePattern('/').ok).toBe(true); // a glob: the literal "/"
  });
  // Once in src/apply/match.ts and src/media/display/pattern.ts, with other flags: now one implementation.
  it('globs are case-insensitive and anchored; * and ? are the only wildcards', () => {
    expect(patternMatches('*jabra*', 'Jabra SPEAK 510')).toBe(true);
    expect(patternMatches('Jabra', 'Jabra SPEAK 510')).toBe(false);
    expect(patternMatches('Logi? BRIO', 'Logi3 BRIO')).toBe(true);
    expect(patternMatches('*(USB)*', 'Microphone (USB) 2')).toBe(true);
    expect(patternMatches('a.b', 'axb')).toBe(false);
    expect(patternMatches('*Loa phòng*', 'LOA PHÒNG họp')).toBe(true);
    expect(patternMatches('*samsung*', 'SAMSUNG TV')).toBe(true);
    expect(patternMatches('*Sony*', 'Samsung')).toBe(false);
    expect(patternMatches('*TV*', 'Samsung\nTV')).toBe(true); // hostile names: * crosses a line break
    expect(patternMatches('Loa ?', 'Loa 🔊')).toBe(true); // ? is one character, not one UTF-16 unit
  });
  it('/regex/flags are regular expressions', () => {
    expect(compilePattern('/^HDMI-\\d$/')).toMatchObject({ ok: true });
    expect(patternMatches('/^HDMI-\\d$/', 'HDMI-1')).toBe(true);
    expect(patternMatches('/brio/i', 'Logitech BRIO')).toBe(true);
    expect(patternMatches('/brio/', 'Logitech BRIO')).toBe(false);
    expect(patternMatches('/^LG\\b/', 'LG TV')).toBe(true);
  });
  it('a missing value, or a pattern that does not compile, never matches', () => {
    expect(patternMatches('*', undefined)).toBe(false);
    expect(patternMatches('/[a/', '[a')).toBe(false);
  });
  it('matchesAny: any pattern on any value; an empty or absent list matches nothing', () => {
    expect(matchesAny(['*LG*', '*Sony*'], [undefined, 'Sony Bravia'])).toBe(true);
    expect(matchesAny(['*LG*'], ['Samsung', undefined])).toBe(false);
    expect(matchesAny([], 'anything')).toBe(false);
    expect(matchesAny(undefined, 'anything')).toBe(false);
  });
  it('connection narrows a name match', () => {
    const m = { name: ['*Samsung*'], connection: ['hdmi'] };
    expect(deviceMatches(m, { name: 'SAMSUNG QM75B', connection: 'hdmi' })).toBe(true);
    expect(deviceMatches(m, { name: 'SAMSUNG QM75B', connection: 'vga' })).toBe(false);
    expect(deviceMatches(m, { name: 'LG UH5' })).toBe(false);
    expect(deviceMatches(undefined, { name: 'x' })).toBe(false);
  });
});

describe('bundled profiles recognise real device names', async () => {
  const ward = await loadProfile('ward-standard');
  const hq = await loadProfile('hq-reception');
  const role = (p: typeof ward, id: string) => p.roles.find((r) => r.id === id)!.match;
  it.each([
    ['room-camera', 'Logitech BRIO'],
    ['room-camera', 'HD Pro Webcam C920'],
    ['room-camera', 'Poly Studio P15'],
    ['room-microphone', 'Echo Cancelling Speakerphone (Jabra SPEAK 510 USB)'],
    ['room-microphone', 'alsa_input.usb-0b0e_Jabra_SPEAK_510_USB_745C4B6E3A51021800-00.mono-fallback'],
    ['room-microphone', 'Poly Sync 20'],
    ['loudspeaker', 'alsa_output.usb-0b0e_Jabra_SPEAK_510_USB_745C4B6E3A51021800-00.analog-stereo'],
    ['loudspeaker', 'SAMSUNG (Intel(R) Display Audio)'],
  ])('ward %s ← %s', (id, name) => {
    expect(deviceMatches(role(ward, id), { name })).toBe(true);
  });
  it('ward TV by vendor and HDMI; HQ ceiling microphones', () => {
    expect(deviceMatches(role(ward, 'tv'), { name: 'QA55Q60', vendor: 'Samsung', connection: 'hdmi' })).toBe(true);
    expect(deviceMatches(role(hq, 'room-microphone'), { name: 'Shure P300-IMX' })).toBe(true);
    expect(
      deviceMatches(role(hq, 'room-microphone'), { name: 'Echo Cancelling Speakerphone (Jabra SPEAK 510 USB)' }),
    ).toBe(false);
    expect(deviceMatches(role(hq, 'document-camera'), { name: 'IPEVO V4K' })).toBe(true);
  });
  it('a camera is not taken for a microphone', () => {
    expect(deviceMatches(role(ward, 'room-microphone'), { name: 'Logitech BRIO' })).toBe(false);
  });
});

describe('invalid patterns are validation errors', () => {
  const dir = tempDir('wardkit-pat-');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it('points at the pattern', async () => {
    const f = join(dir, 'p.yaml');
    writeFileSync(
      f,
      'apiVersion: wardkit/v1\nkind: EquipmentProfile\nid: p\nroles:\n  - id: cam\n    kind: camera\n    match:\n      name: ["*ok*", "/[broken/"]\n',
    );
    const { diagnostics } = await resolveProfileFile(f);
    expect(diagnostics.map((d) => [d.line, d.col, d.key])).toEqual([[8, 22, 'profile.badPattern']]);
  });
});
