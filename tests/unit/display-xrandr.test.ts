// xrandr parsing (real Xvfb output and a monitor with an EDID), and display matching.
import { describe, expect, it } from 'vitest';
import { simDisplay } from '../../src/media/display/sources.js';
import { parseEdid, parseXrandrVerbose } from '../../src/media/display/xrandr.js';
import { parseDeviceUri } from '../../src/media/uri.js';

const XVFB = `Screen 0: minimum 1 x 1, current 1920 x 1080, maximum 1920 x 1080
screen connected 1920x1080+0+0 (0x3a) normal (normal) 0mm x 0mm
	Identifier: 0x3c
	CRTC:       0
  1920x1080 (0x3a)  0.000MHz *current
        h: width  1920 start    0 end    0 total    0 skew    0 clock   0.00KHz
        v: height 1080 start    0 end    0 total    0           clock   0.00Hz
`;

function edidHex(vendor: string, name: string): string {
  const b = Buffer.alloc(128);
  b.set([0, 255, 255, 255, 255, 255, 255, 0]);
  const v = ((vendor.charCodeAt(0) - 64) << 10) | ((vendor.charCodeAt(1) - 64) << 5) | (vendor.charCodeAt(2) - 64);
  b[8] = v >> 8;
  b[9] = v & 255;
  b.set([0, 0, 0, 0xfc, 0], 72);
  b.write((name + '\n').padEnd(13, ' '), 77, 'latin1');
  return b.toString('hex');
}

describe('xrandr --verbose', () => {
  it('reads Xvfb: one display, 1920x1080, no refresh rate', () => {
    expect(parseXrandrVerbose(XVFB)).toEqual([
      {
        name: 'screen',
        output: 'screen',
        connection: 'screen',
        width: 1920,
        height: 1080,
        refreshHz: null,
        main: false,
        source: 'xrandr',
      },
    ]);
  });
  it('reads an HDMI TV with EDID name and vendor, and skips disconnected outputs', () => {
    const hex = edidHex('SAM', 'SAMSUNG')
      .match(/.{32}/g)!
      .map((l) => `\t\t${l}`)
      .join('\n');
    const text = `Screen 0: minimum 8 x 8, current 1280 x 720, maximum 32767 x 32767
HDMI-1 connected primary 1280x720+0+0 (0x4a) normal (normal left inverted right x axis y axis) 1600mm x 900mm
	EDID:
${hex}
	CRTC:       0
  1920x1080 (0x48) 148.500MHz +HSync +VSync +preferred
        h: width  1920 start 2008 end 2052 total 2200 skew    0 clock  67.50KHz
        v: height 1080 start 1084 end 1089 total 1125           clock  60.00Hz
  1280x720 (0x4a) 74.250MHz +HSync +VSync *current
        h: width  1280 start 1720 end 1760 total 1980 skew    0 clock  37.50KHz
        v: height  720 start  725 end  730 total  750           clock  50.00Hz
DP-1 disconnected (normal left inverted right x axis y axis)
`;
    expect(parseXrandrVerbose(text)).toEqual([
      {
        name: 'SAMSUNG',
        vendor: 'SAM',
        output: 'HDMI-1',
        connection: 'hdmi',
        width: 1280,
        height: 720,
        refreshHz: 50,
        main: true,
        source: 'xrandr',
      },
    ]);
    expect(parseEdid(edidHex('GSM', 'LG TV'))).toEqual({ vendor: 'GSM', name: 'LG TV' });
  });
});

describe('sim:display', () => {
  it('sim:display gives its mode, or nothing when connected=0', () => {
    expect(
      simDisplay(parseDeviceUri('sim:display?width=1920&height=1080&refresh=60&name=Samsung%20TV&connection=hdmi'))[0],
    ).toMatchObject({ name: 'Samsung TV', width: 1920, height: 1080, refreshHz: 60, connection: 'hdmi' });
    expect(simDisplay(parseDeviceUri('sim:display?connected=0'))).toEqual([]);
    expect(() => simDisplay(parseDeviceUri('sim:display?width=big'))).toThrow(/width/);
  });
});
