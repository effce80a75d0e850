import type { Formatter } from '../i18n/format.js';
import type { Inventory } from '../media/inventory.js';
import { DEVICE_KINDS } from '../profiles/types.js';

export function renderDevices(inv: Inventory, t: Formatter): string {
  const out: string[] = [];
  for (const kind of DEVICE_KINDS) {
    const list = inv.devices.filter((d) => d.kind === kind);
    out.push(`${t(`devices.kind.${kind}`)} (${list.length})`);
    if (!list.length) out.push(`  ${t('devices.none')}`);
    for (const d of list) {
      const extra = [
        d.vendor,
        d.connection,
        d.isDefault ? t('devices.default') : undefined,
        d.caps?.monitor ? t('devices.monitor') : undefined,
      ]
        .filter(Boolean)
        .join(', ');
      out.push(`  ${d.uri}`);
      out.push(`      ${d.name}${extra ? ` (${extra})` : ''} — ${d.source}`);
    }
  }
  if (inv.unavailable.length) {
    out.push(t('devices.unavailable'));
    for (const u of inv.unavailable) out.push(`  ${u.source}: ${u.reason}`);
  }
  return out.join('\n') + '\n';
}
