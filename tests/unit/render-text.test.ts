import { beforeAll, describe, expect, test } from 'vitest';
import { createFormatter } from '../../src/i18n/format.js';
import type { Report } from '../../src/report/model.js';
import { renderText } from '../../src/report/render/text.js';
import type { Style } from '../../src/ui/style.js';
import { realReport } from '../helpers/reports.js';

const en = createFormatter('en');
const vi = createFormatter('vi');
// A style that marks every painted span, to see that colour is only decoration.
const ansi: Style = {
  ok: (s) => `\x1b[32m${s}\x1b[39m`,
  warn: (s) => `\x1b[33m${s}\x1b[39m`,
  bad: (s) => `\x1b[31m${s}\x1b[39m`,
  dim: (s) => `\x1b[90m${s}\x1b[39m`,
  bold: (s) => `\x1b[1m${s}\x1b[22m`,
};
const stripAnsi = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

let report: Report;
beforeAll(async () => {
  report = await realReport('en');
});

describe('text renderer', () => {
  test('leads with the verdict and the counts, in English and in Vietnamese', () => {
    const out = renderText(report, en);
    const lines = out.split('\n');
    const n = report.summary; // the real host check passes or warns depending on the machine's load
    expect(report.readiness).toBe('NOT_READY');
    expect(n.fail).toBeGreaterThanOrEqual(1);
    expect(lines.slice(0, 4).join('\n')).toContain(
      `✘ NOT READY — ${n.pass} passed, ${n.warn} warnings, ${n.fail} failed, ${n.error} errors, ${n.skip} skipped`,
    );
    const outVi = renderText(report, vi);
    expect(outVi.split('\n').slice(0, 4).join('\n')).toContain(
      `✘ CHƯA SẴN SÀNG — ${n.pass} đạt, ${n.warn} cảnh báo, ${n.fail} không đạt, ${n.error} lỗi, ${n.skip} bỏ qua`,
    );
    expect(outVi).toContain('Cần khắc phục:');
    expect(outVi).toContain('Tất cả các bước kiểm tra:');
    // The last line repeats the verdict (what stays on screen after scrolling).
    expect(lines.filter(Boolean).at(-1)).toMatch(/^Readiness: NOT READY/);
  });

  test('lists what to fix first, most serious first, with remedies and figures against thresholds', () => {
    const out = renderText(report, en);
    const fix = out.slice(out.indexOf('What to fix:'), out.indexOf('All checks:')).toLowerCase();
    // (numbered 1, 2, … — the real host check may add a warning of its own)
    const iCamera = fix.indexOf('1. ✘ camera (logitech brio): fail');
    const iBandwidth = fix.indexOf('2. ✘ bandwidth: error');
    const iMic = fix.search(/\d\. ! microphone \(jabra speak 510\): warning \[optional\]/);
    expect(iCamera).toBeGreaterThanOrEqual(0);
    expect(iBandwidth).toBeGreaterThan(iCamera);
    expect(iMic).toBeGreaterThan(iBandwidth);
    expect(fix).toContain('→ Free disk space: empty the recycle bin, remove old recordings.'.toLowerCase());
    expect(fix).toContain('→ Run again with --debug and report the error to the wardkit maintainers.'.toLowerCase());
    expect(fix).toContain('frame rate 12.4 fps (need ≥ 25 fps · recommended ≥ 28 fps)'.toLowerCase());
    // a share (unit ratio) reads as a percent, its threshold too; the JSON keeps 0.8 and 0.33
    expect(fix).toContain('black picture 80 % (need < 33 %)'.toLowerCase());
    expect(fix).toContain('rms -38.5 dBFS (need ≥ -60 dBFS · recommended ≥ -35 dBFS)'.toLowerCase());
    // Passing and skipped checks are not in the fix list.
    expect(fix).not.toContain('speaker');
    expect(fix).not.toContain('display');
    const fixVi = renderText(report, vi);
    expect(fixVi).toContain('→ Giải phóng dung lượng: dọn thùng rác, xóa các bản ghi cũ.');
    expect(fixVi).toContain('tốc độ khung hình 12,4 fps (cần ≥ 25 fps · nên ≥ 28 fps)');
  });

  test('every check appears once in "All checks", including the real host check and the skip reason', () => {
    const out = renderText(report, en);
    const all = out.slice(out.indexOf('All checks:'));
    expect(all).toMatch(/[✔!] Computer: (pass|warning)/);
    expect(all).toMatch(/free memory \d/);
    expect(all.toLowerCase()).toMatch(/– display[^:\n]*: skipped/);
    expect(all).toContain('Not applicable to this room.');
    // Titles come from the catalog once a check has one ("Camera"), else the id.
    for (const r of report.results) expect(all.toLowerCase()).toContain(r.checkId === 'host' ? 'computer' : r.checkId);
  });

  test('evidence files are named where they are', async () => {
    const r = await realReport('en', { evidencePath: 'evidence/cam.png' });
    expect(renderText(r, en)).toContain('Evidence: snapshot Logitech BRIO — evidence/cam.png');
    expect(renderText(r, vi)).toContain('Bằng chứng: snapshot Logitech BRIO — evidence/cam.png');
  });

  test('reads the same without colour: the coloured view minus escape codes is the plain view', () => {
    expect(stripAnsi(renderText(report, en, ansi))).toBe(renderText(report, en));
    expect(renderText(report, en)).not.toMatch(/\x1b/);
  });

  test('a saved report is re-translated from finding keys into the reader language', async () => {
    const viReport = await realReport('vi');
    expect(viReport.results[1].findings[0].message).toMatch(/Ổ đĩa/);
    expect(renderText(viReport, en)).toContain('Only 12 MiB free on the disk');
  });

  test('terminal escape sequences and newlines in report data cannot reach the terminal', async () => {
    const r = await realReport('en', { label: 'cam\x1b[2J\x1b]0;pwned\x07\nFAKE LINE', param: 'x\x9b31m' });
    const out = renderText(r, en);
    expect(out).not.toMatch(/[\x1b\x07\x9b]/);
    expect(out.split('\n').some((l) => l.startsWith('FAKE LINE'))).toBe(false);
  });

  test('a ready room says so and has nothing to fix', async () => {
    const r = await realReport('en');
    const passed = r.results.filter((x) => x.checkId === 'speaker');
    const ok: Report = {
      ...r,
      readiness: 'READY',
      results: passed,
      summary: { pass: 1, warn: 0, fail: 0, error: 0, skip: 0 },
    };
    const out = renderText(ok, en);
    expect(out).toContain('✔ READY — 1 passed, 0 warnings');
    expect(out).toContain('Nothing to fix.');
    expect(renderText(ok, vi)).toContain('Không có gì cần khắc phục.');
  });
});
