// Renderers of `wardkit profiles validate` results: pure functions of the results and the
// formatter. text for people, json for scripts, github for Actions annotations, junit for CI.
import type { Formatter } from '../i18n/format.js';
import { isError, type Diagnostic } from './diagnostics.js';
import type { FileResult } from './validate-files.js';

/** The formats of `wardkit profiles validate --format` (the list lives in src/commands/profiles.ts). */
export type ValidateFormat = 'text' | 'json' | 'github' | 'junit';

export interface Paint {
  ok(s: string): string;
  bad(s: string): string;
  dim(s: string): string;
}
const plain: Paint = { ok: (s) => s, bad: (s) => s, dim: (s) => s };

/** `file:line:col` (just `file` when the problem has no position, e.g. a missing file). */
export const where = (d: Diagnostic) => (d.line > 0 ? `${d.file}:${d.line}:${d.col}` : d.file);

function counts(results: FileResult[]) {
  const invalid = results.filter((r) => !r.valid).length;
  const all = results.flatMap((r) => r.diagnostics);
  const errors = all.filter(isError).length;
  return { files: results.length, valid: results.length - invalid, invalid, errors, warnings: all.length - errors };
}

function summary(results: FileResult[], t: Formatter): string {
  return t('profile.validate.summary', counts(results));
}

/** The message, prefixed "warning:" for a warning. */
const message = (d: Diagnostic, t: Formatter) =>
  (isError(d) ? '' : t('profile.validate.warningPrefix') + ': ') + t(d.key, d.params);

export function renderText(results: FileResult[], t: Formatter, paint: Paint = plain): string {
  const lines: string[] = [];
  for (const r of results) {
    const warnings = r.diagnostics.filter((d) => !isError(d)).length;
    if (r.valid)
      lines.push(
        `${paint.ok('✓')} ${r.file}: ${t('profile.validate.ok')}` +
          (warnings ? ` (${t('profile.validate.warnings', { count: warnings })})` : ''),
      );
    else
      lines.push(
        `${paint.bad('✗')} ${r.file}: ${t('profile.validate.invalid', { count: r.diagnostics.length - warnings })}` +
          (warnings ? ` (${t('profile.validate.warnings', { count: warnings })})` : ''),
      );
    for (const d of r.diagnostics) lines.push(`  ${paint.dim(where(d))}: ${message(d, t)}`);
  }
  lines.push(summary(results, t));
  return lines.join('\n') + '\n';
}

export function renderJson(results: FileResult[], t: Formatter): string {
  const c = counts(results);
  return (
    JSON.stringify(
      {
        valid: c.invalid === 0,
        summary: c,
        lang: t.lang,
        files: results.map((r) => ({
          file: r.file,
          valid: r.valid,
          ...(r.id ? { id: r.id } : {}),
          diagnostics: r.diagnostics.map((d) => ({
            file: d.file,
            line: d.line,
            col: d.col,
            ...(d.path ? { path: d.path } : {}),
            severity: isError(d) ? 'error' : 'warning',
            key: d.key,
            params: d.params,
            message: t(d.key, d.params),
          })),
        })),
      },
      null,
      2,
    ) + '\n'
  );
}

// GitHub workflow commands, escaped as actions/toolkit packages/core/src/command.ts does.
export const escapeGithubData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
export const escapeGithubProperty = (s: string) => escapeGithubData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function renderGithub(results: FileResult[], t: Formatter): string {
  const lines: string[] = [];
  for (const r of results) {
    for (const d of r.diagnostics) {
      const props = [`file=${escapeGithubProperty(d.file)}`];
      if (d.line > 0) props.push(`line=${d.line}`, `col=${d.col}`);
      props.push(`title=${escapeGithubProperty(t('profile.validate.githubTitle'))}`);
      lines.push(`::${isError(d) ? 'error' : 'warning'} ${props.join(',')}::${escapeGithubData(t(d.key, d.params))}`);
    }
  }
  lines.push(escapeGithubData(summary(results, t)));
  return lines.join('\n') + '\n';
}

// Characters XML 1.0 forbids (control characters, lone surrogates, U+FFFE/U+FFFF) are removed.
// eslint-disable-next-line no-control-regex
const XML_FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
export const escapeXml = (s: string) =>
  s
    .replace(XML_FORBIDDEN, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

/**
 * JUnit XML: one testcase per file; an invalid file is a <failure> listing every problem. The root
 * is a single <testsuite> (Surefire 3.0 and Jenkins xunit junit-10 schemas); validation is not
 * timed, so every time is 0.
 */
export function renderJunit(results: FileResult[], t: Formatter): string {
  const failures = results.filter((r) => !r.valid).length;
  const name = escapeXml(t('profile.validate.suiteName'));
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuite name="${name}" tests="${results.length}" failures="${failures}" errors="0" skipped="0" time="0">`,
  ];
  for (const r of results) {
    const head = `  <testcase classname="wardkit.profiles" name="${escapeXml(r.file)}" time="0"`;
    const body = r.diagnostics.map((d) => `${where(d)}: ${message(d, t)}`).join('\n');
    if (r.valid) {
      // Warnings do not fail the test case; they are kept as its output.
      out.push(
        r.diagnostics.length ? `${head}>\n    <system-out>${escapeXml(body)}</system-out>\n  </testcase>` : head + '/>',
      );
      continue;
    }
    const first = r.diagnostics.find(isError);
    out.push(head + '>');
    out.push(
      `    <failure message="${escapeXml(first ? t(first.key, first.params) : '')}" type="invalid">${escapeXml(body)}</failure>`,
    );
    out.push('  </testcase>');
  }
  out.push('</testsuite>');
  return out.join('\n') + '\n';
}

export function renderValidation(format: ValidateFormat, results: FileResult[], t: Formatter, paint?: Paint): string {
  switch (format) {
    case 'json':
      return renderJson(results, t);
    case 'github':
      return renderGithub(results, t);
    case 'junit':
      return renderJunit(results, t);
    default:
      return renderText(results, t, paint);
  }
}
