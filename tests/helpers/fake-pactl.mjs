#!/usr/bin/env node
// A stand-in `pactl` that records its argv (one JSON line per call in $FAKE_PACTL_LOG) and keeps a
// tiny sound-server state in $FAKE_PACTL_STATE. Used only where the real daemon cannot take the
// input: PulseAudio refuses sink names with quotes or `$(…)`, but the argv path must be proven for them.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';

const args = process.argv.slice(2);
if (process.env.FAKE_PACTL_LOG) appendFileSync(process.env.FAKE_PACTL_LOG, JSON.stringify(args) + '\n');
const file = process.env.FAKE_PACTL_STATE;
const st = JSON.parse(readFileSync(file, 'utf8'));
const save = () => writeFileSync(file, JSON.stringify(st));
const a = args[0] === '--' ? args.slice(1) : args;
const [cmd, name, value] = a;
const list = (n) => (n === 'sink' ? st.sinks : st.sources);
const find = (n, x) => list(n).find((d) => d.name === x);
const fail = (m) => {
  process.stderr.write(m + '\n');
  process.exit(1);
};
let m;
if (cmd === '--version') process.stdout.write('pactl 16.1 (fake)\n');
else if (cmd === 'info') process.stdout.write('Server Name: fake\n');
else if (cmd === 'list') {
  const n = name.replace(/s$/, '');
  process.stdout.write(
    list(n)
      .map(
        (d, i) =>
          `${n === 'sink' ? 'Sink' : 'Source'} #${i}\n\tName: ${d.name}\n\tDescription: ${d.description}\n\tMute: ${d.muted ? 'yes' : 'no'}\n\tVolume: front-left: 1 / ${d.volume}% / 0 dB\n\tProperties:\n\t\tdevice.description = "${d.description.replace(/"/g, '\\"')}"\n`,
      )
      .join('\n'),
  );
} else if ((m = /^get-default-(sink|source)$/.exec(cmd))) process.stdout.write(`${st[`default_${m[1]}`] ?? ''}\n`);
else if ((m = /^set-default-(sink|source)$/.exec(cmd))) {
  if (!find(m[1], name)) fail('Failure: No such entity');
  st[`default_${m[1]}`] = name;
  save();
} else if ((m = /^get-(sink|source)-volume$/.exec(cmd))) {
  const d = find(m[1], name) ?? fail('Failed to get information: No such entity');
  process.stdout.write(`Volume: front-left: 1 / ${d.volume}% / 0 dB,   front-right: 1 / ${d.volume}% / 0 dB\n`);
} else if ((m = /^set-(sink|source)-volume$/.exec(cmd))) {
  const d = find(m[1], name) ?? fail('Failure: No such entity');
  d.volume = Number(value.replace('%', ''));
  save();
} else if ((m = /^get-(sink|source)-mute$/.exec(cmd))) {
  const d = find(m[1], name) ?? fail('Failed to get information: No such entity');
  process.stdout.write(`Mute: ${d.muted ? 'yes' : 'no'}\n`);
} else if ((m = /^set-(sink|source)-mute$/.exec(cmd))) {
  const d = find(m[1], name) ?? fail('Failure: No such entity');
  d.muted = value === '1';
  save();
} else fail(`fake pactl: unknown command ${cmd}`);
