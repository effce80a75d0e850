#!/usr/bin/env node
// Tiny launcher: everything lives in the built CLI so start-up stays fast.
import { main } from '../dist/cli.js';

main(process.argv).then((code) => {
  process.exitCode = code;
  // The work is done: whatever still holds the event loop (a check that ignored --timeout, a
  // socket not closed) must not keep the process alive. Output already written is flushed first.
  const exitWhenFlushed = () => {
    if (process.stdout.writableLength > 0 || process.stderr.writableLength > 0) setTimeout(exitWhenFlushed, 50).unref();
    else process.exit(code);
  };
  setTimeout(exitWhenFlushed, 100).unref();
});
