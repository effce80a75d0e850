// The device inventory: what `wardkit devices` lists and `wardkit apply` matches against roles.
import type { DeviceKind } from '../profiles/types.js';

export interface InventoryDevice {
  kind: DeviceKind;
  /** Device URI (see uri.ts), e.g. `pulse:alsa_output.usb-Jabra…`, `v4l2:/dev/video0`. */
  uri: string;
  /** Human name as the OS shows it. */
  name: string;
  vendor?: string;
  /** Display connection (hdmi, displayport…), USB, PCI… */
  connection?: string;
  /** Which source found it: ffmpeg, pactl, v4l2, systeminformation, xrandr… */
  source: string;
  isDefault?: boolean;
  /** Capabilities where known: resolutions, frame rates, sample rates, current display mode. */
  caps?: Record<string, unknown>;
}

export interface Inventory {
  devices: InventoryDevice[];
  /** Sources that could not be queried, and why (never a failure of the whole listing). */
  unavailable: Array<{ source: string; reason: string }>;
}
