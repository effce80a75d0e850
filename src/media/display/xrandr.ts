// Parse `xrandr --verbose`: each connected output with its current mode, refresh rate and the
// monitor's EDID name and vendor. Pure; the caller runs xrandr.
import type { DisplayInfo } from './types.js';

/** Connection kind (the profile schema's match.connection values) from an X output name (HDMI-1, DP-2, eDP-1, VGA-1, DVI-D-0, screen…). */
export function connectionKind(output: string): string {
  const o = output.toLowerCase();
  if (o.startsWith('hdmi')) return 'hdmi';
  if (
    o.startsWith('edp') ||
    o.startsWith('lvds') ||
    o.startsWith('dsi') ||
    o.startsWith('internal') ||
    o.startsWith('built')
  )
    return 'internal';
  if (o.startsWith('dp') || o.startsWith('displayport')) return 'displayport';
  if (o.startsWith('vga')) return 'vga';
  if (o.startsWith('dvi')) return 'dvi';
  if (o.startsWith('usb')) return 'usb-c';
  if (o === 'screen') return 'screen'; // Xvfb, VNC and other virtual X servers
  return 'other';
}

/** Monitor name (descriptor 0xFC) and PNP vendor id from a 128-byte EDID block. */
export function parseEdid(hex: string): { name?: string; vendor?: string } {
  const b = Buffer.from(hex.replace(/\s+/g, ''), 'hex');
  if (b.length < 128) return {};
  const out: { name?: string; vendor?: string } = {};
  const v = (b[8] << 8) | b[9];
  const letters = [(v >> 10) & 31, (v >> 5) & 31, v & 31];
  if (letters.every((l) => l >= 1 && l <= 26)) out.vendor = String.fromCharCode(...letters.map((l) => 64 + l));
  for (const off of [54, 72, 90, 108]) {
    if (b[off] === 0 && b[off + 1] === 0 && b[off + 3] === 0xfc) {
      out.name = b
        .subarray(off + 5, off + 18)
        .toString('latin1')
        .split('\n')[0]
        .trim();
    }
  }
  return out;
}

export function parseXrandrVerbose(text: string): DisplayInfo[] {
  const lines = text.split('\n');
  const out: DisplayInfo[] = [];
  let cur: DisplayInfo | undefined;
  let inEdid = false;
  let edid = '';
  let currentMode = false;
  const flushEdid = () => {
    if (cur && edid) Object.assign(cur, Object.fromEntries(Object.entries(parseEdid(edid)).filter(([, x]) => x)));
    edid = '';
    inEdid = false;
  };
  for (const line of lines) {
    const head = /^(\S+) (connected|disconnected)( primary)?(?: (\d+)x(\d+)\+(-?\d+)\+(-?\d+))?/.exec(line);
    if (head) {
      flushEdid();
      currentMode = false;
      cur = undefined;
      if (head[2] !== 'connected') continue;
      cur = {
        name: head[1],
        output: head[1],
        connection: connectionKind(head[1]),
        width: head[4] ? Number(head[4]) : null,
        height: head[5] ? Number(head[5]) : null,
        refreshHz: null,
        main: Boolean(head[3]),
        source: 'xrandr',
      };
      out.push(cur);
      continue;
    }
    if (!cur) continue;
    if (/^\s+EDID:\s*$/.test(line)) {
      inEdid = true;
      edid = '';
      continue;
    }
    if (inEdid) {
      if (/^\s+[0-9a-fA-F]{32}\s*$/.test(line)) {
        edid += line.trim();
        continue;
      }
      flushEdid();
    }
    // A mode line: "  1920x1080 (0x48) 148.500MHz +HSync +VSync *current +preferred"
    if (/^\s+\d+x\d+\S* \(0x[0-9a-f]+\)/.test(line)) {
      currentMode = line.includes('*current');
      continue;
    }
    const v = /^\s+v:.*clock\s+([\d.]+)Hz/.exec(line);
    if (v && currentMode) {
      const hz = Number(v[1]);
      cur.refreshHz = hz > 0 ? Math.round(hz * 100) / 100 : null;
      currentMode = false;
    }
  }
  flushEdid();
  return out;
}
