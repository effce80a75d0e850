// The modules `wardkit serve` (and the in-process demo server) is made of. Loaded lazily.
import type { ServerModule } from './types.js';

export type ModuleFactory = (options: Record<string, unknown>) => Promise<ServerModule>;

export const SERVER_MODULES: ModuleFactory[] = [
  async (o) => (await import('./reports/module.js')).createReportsModule(o),
  async (o) => (await import('./probe/module.js')).createProbeModule(o),
  async (o) => (await import('./whip/module.js')).whipModuleFactory(o),
];
