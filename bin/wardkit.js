#!/usr/bin/env node
// Tiny launcher: everything lives in the built CLI so start-up stays fast.
import { main } from '../dist/cli.js';

main(process.argv).then((code) => {
  process.exitCode = code;
});
