// The OS-specific device actions (src/platform/actions.ts) and the one function that picks the
// backend for a device URI. The backends (linux-pulse, linux-v4l2, windows, macos) are loaded
// lazily and import only actions.ts, so nothing here forms a cycle.
import { manualActions, type PlatformActions } from './actions.js';

export * from './actions.js';

/** The actions that handle a device URI on this OS (`platform` is injectable for tests). */
export async function actionsFor(uri: string, platform: NodeJS.Platform = process.platform): Promise<PlatformActions> {
  const backend = uri.slice(0, Math.max(0, uri.indexOf(':')));
  switch (backend) {
    case 'pulse':
      return (await import('./linux-pulse.js')).linuxAudioActions;
    case 'v4l2':
      return (await import('./linux-v4l2.js')).v4l2Actions;
    case 'dshow':
      return (await import('./windows.js')).windowsActions;
    case 'avfoundation':
      return (await import('./macos.js')).macosActions;
    default:
      return manualActions(platform);
  }
}
