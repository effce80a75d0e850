import { Writable } from 'node:stream';

/** A writable stream that keeps what is written, for running the CLI in-process. */
export function sink(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, cb) {
      text += chunk;
      cb();
    },
  });
  return { stream, text: () => text };
}
