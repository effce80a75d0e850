// Every command, registered in this order. A command file declares its options and imports the
// core lazily inside its action, so `wardkit --help` stays fast.
import type { Command } from 'commander';
import type { CliContext } from './context.js';
import { registerApply } from './apply.js';
import { registerCheck } from './check.js';
import { registerServe } from './serve.js';
import { registerReport } from './report.js';
import { registerDevices } from './devices.js';
import { registerDoctor } from './doctor.js';
import { registerProfiles } from './profiles.js';
import { registerReportDelivery } from './report-flush.js';
import { registerSchedule } from './schedule.js';
import { registerCall } from './call.js';

export type Register = (program: Command, ctx: () => CliContext, run: Runner) => void;
/** Wraps an action: sets the exit code from its result; errors go to cli.ts. */
export type Runner = (fn: () => Promise<number | void>) => Promise<void>;

// registerReportDelivery adds `report submit|flush` to the `report` group, so it comes after registerReport.
export const COMMANDS: Register[] = [registerCheck, registerApply, registerCall, registerServe, registerProfiles, registerDevices, registerDoctor, registerReport, registerReportDelivery, registerSchedule];
