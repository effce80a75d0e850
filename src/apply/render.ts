// Text rendering of a plan, an apply result and an undo result. Pure: data in, text out.
import { formatList, type Formatter } from '../i18n/format.js';
import type { ManualStep } from '../platform/index.js';
import { plainStyle, type Style } from '../ui/style.js';
import {
  describePending,
  fmtValue,
  type ApplyOutcome,
  type ApplyResultView,
  type BindingView,
  type PlanView,
  type UndoResultView,
} from './run.js';

const dev = (b: { uri?: string; name?: string }) => (b.uri ? (b.name ? `${b.uri} "${b.name}"` : b.uri) : '—');

function bindingLine(t: Formatter, b: BindingView, s: Style): string {
  const head = `  ${s.bold(b.title)} [${b.role}]`;
  const how = s.dim(`[${t(`apply.how.${b.how}`)}]`);
  if (b.previousUri !== undefined && b.previousUri !== b.uri) return `${head}: ${b.previousUri} → ${dev(b)} ${how}`;
  return `${head}: ${dev(b)} ${how}`;
}

export function manualLines(t: Formatter, steps: ManualStep[], s: Style = plainStyle): string[] {
  return steps.flatMap((m) => [
    `  ${s.warn('!')} ${m.change.role}: ${t(m.key, m.params)}`,
    ...(m.hintKey ? [`      ${t(m.hintKey, m.params)}`] : []),
    ...(m.reasonKey ? [`      ${s.dim(t(m.reasonKey, m.params))}`] : []),
  ]);
}

export function renderPlan(t: Formatter, p: PlanView, s: Style = plainStyle): string {
  const out = [
    s.bold(
      t('apply.plan.title', {
        ward: p.ward,
        profile: p.profile.id,
        hash: p.profile.hash.slice(0, 12),
        room: p.roomFile,
      }),
    ),
    '',
    t('apply.section.devices'),
  ];
  for (const b of p.bindings) out.push(bindingLine(t, b, s));
  if (p.pending.length)
    out.push(
      ...describePending(t, p.pending)
        .split('\n')
        .map((l) => `  ${s.warn(l)}`),
    );
  out.push('', t('apply.section.settings'));
  const titleOf = (id: string) =>
    p.bindings.find((b) => b.role === id)?.title ?? p.pending.find((x) => x.role === id)?.title ?? id;
  for (const r of p.simulated) out.push(`  ${titleOf(r)}: ${s.dim(t('apply.room.nothingToApply'))}`);
  for (const c of p.settings) {
    const line = `  ${titleOf(c.role)}: ${t(`apply.setting.${c.setting}`)} ${fmtValue(t, c.setting, c.before)} → ${fmtValue(t, c.setting, c.after)}`;
    out.push(c.ok ? `${line} ${s.dim(t('apply.plan.alreadyOk'))}` : `${line} ${s.dim(`(${c.tool ?? c.actions})`)}`);
  }
  const missing = formatList(p.missingRequired.map(titleOf), t.lang);
  if (p.missingRequired.length) out.push(`  ${t('apply.plan.settingsUnknown', { roles: missing })}`);
  else if (!p.simulated.length && !p.settings.length) out.push(`  ${t('apply.plan.noSettings')}`);
  const changes = p.settings.filter((c) => !c.ok).length;
  // "The room already matches the profile" only when it does.
  if (changes || p.roomChanges)
    out.push(
      '',
      t('apply.plan.summary', {
        changes,
        room: t(p.roomChanges ? 'apply.plan.roomWillChange' : 'apply.plan.roomSame'),
      }),
    );
  else if (!p.missingRequired.length) out.push('', t('apply.plan.nothing'));
  if (p.missingRequired.length) out.push(s.warn(t('apply.plan.incomplete', { roles: missing })));
  out.push(s.dim(t('apply.plan.nothingChanged')));
  return out.join('\n') + '\n';
}

export function renderResult(t: Formatter, r: ApplyResultView, s: Style = plainStyle): string {
  const out: string[] = [];
  out.push(t('apply.section.devices'));
  for (const b of r.bindings) out.push(bindingLine(t, b, s));
  const titleOf = (id: string) => r.bindings.find((b) => b.role === id)?.title ?? id;
  if (r.applied.length) {
    out.push('', t('apply.section.applied'));
    for (const c of r.applied)
      out.push(
        `  ${s.ok('✓')} ${titleOf(c.role)}: ${t(`apply.setting.${c.setting}`)} ${fmtValue(t, c.setting, c.before)} → ${fmtValue(t, c.setting, c.after)} ${s.dim(`(${c.via})`)}`,
      );
  }
  if (r.simulated.length) out.push('', t('apply.section.settings'));
  for (const id of r.simulated) out.push(`  ${titleOf(id)}: ${s.dim(t('apply.room.nothingToApply'))}`);
  if (r.manual.length)
    out.push('', s.warn(t('apply.section.manual', { count: r.manual.length })), ...manualLines(t, r.manual, s));
  if (r.missing.length)
    out.push('', s.warn(t('apply.missingRoles', { roles: formatList(r.missing.map(titleOf), t.lang) })));
  out.push('');
  if (!r.changed)
    out.push(
      r.missingRequired.length
        ? t('apply.noChangesIncomplete', { room: r.roomFile })
        : s.ok(t('apply.noChanges', { room: r.roomFile })),
    );
  else
    out.push(
      s.ok(
        r.roomWritten ? t('apply.roomWritten', { room: r.roomFile }) : t('apply.roomUnchanged', { room: r.roomFile }),
      ),
    );
  if (r.missingRequired.length)
    out.push(
      s.warn(t('apply.incomplete', { roles: formatList(r.missingRequired.map(titleOf), t.lang), room: r.roomFile })),
    );
  out.push(s.dim(t('apply.next', { room: r.roomFile })));
  return out.join('\n') + '\n';
}

export function renderUndo(t: Formatter, r: UndoResultView, s: Style = plainStyle): string {
  const out: string[] = [];
  for (const c of r.restored)
    out.push(
      `  ${s.ok('✓')} ${c.role}: ${t(`apply.setting.${c.setting}`)} → ${fmtValue(t, c.setting, c.after)} ${s.dim(`(${c.via})`)}`,
    );
  if (r.manual.length)
    out.push(s.warn(t('apply.section.manual', { count: r.manual.length })), ...manualLines(t, r.manual, s));
  out.push(t(`apply.undo.room.${r.room}`, { room: r.roomFile }));
  out.push(s.ok(t('apply.undo.done', { count: r.restored.length })));
  return out.join('\n') + '\n';
}

export function renderOutcome(t: Formatter, o: ApplyOutcome, s: Style = plainStyle): string {
  return o.mode === 'plan' ? renderPlan(t, o, s) : o.mode === 'apply' ? renderResult(t, o, s) : renderUndo(t, o, s);
}
