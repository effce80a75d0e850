#!/usr/bin/env node
// Tiny launcher: everything lives in the built CLI so start-up stays fast.
import { main } from '../dist/cli.js';

main(process.argv).then((code) => {
  process.exitCode = code;
  // The command is done. A helper some library started and left behind (systeminformation's
  // PowerShell waiting on its stdin on Windows, where WMI can be slow or PowerShell a stub) must
  // not keep wardkit from exiting: if anything still holds the process after a grace period, leave.
  setTimeout(() => process.exit(code), 3000).unref();
});
