// A display (TV or monitor) as the display check sees it, whichever source found it.
export interface DisplayInfo {
  /** Monitor name (EDID / OS), else the output name. */
  name: string;
  vendor?: string;
  model?: string;
  /** The OS's output / connector name (HDMI-1, screen…), when known. */
  output?: string;
  /** Connection kind as profiles name it: hdmi, displayport, dvi, vga, usb-c, internal, screen, other. */
  connection?: string;
  /** Current mode; null when the output is connected but not driven. */
  width: number | null;
  height: number | null;
  /** Current refresh rate, Hz; null when the source does not report one (e.g. Xvfb). */
  refreshHz: number | null;
  main?: boolean;
  source: 'sim' | 'xrandr' | 'systeminformation';
}

export interface DisplayListing {
  displays: DisplayInfo[];
  /** Set when the source could not be asked at all (e.g. no X session on a headless machine). */
  unavailable?: string;
}
