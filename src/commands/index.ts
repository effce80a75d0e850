// Every top-level command, registered in this order. One shape for all: a command file exports a
// `Register` that adds its command (with its subcommands, each again a `Register`, to its parent),
// declares the options beside their options type, and imports the core lazily inside its action
// (`await import()`), so `wardkit --help` loads no more than commander and the catalogs.
import type { Register } from './context.js';
import { registerApply } from './apply.js';
import { registerCall } from './call.js';
import { registerCheck } from './check.js';
import { registerDevices } from './devices.js';
import { registerDoctor } from './doctor.js';
import { registerProfiles } from './profiles.js';
import { registerReport } from './report.js';
import { registerSchedule } from './schedule.js';
import { registerServe } from './serve.js';

export const COMMANDS: Register[] = [
  registerCheck,
  registerApply,
  registerCall,
  registerServe,
  registerProfiles,
  registerDevices,
  registerDoctor,
  registerReport,
  registerSchedule,
];
