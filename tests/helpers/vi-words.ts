// Finds English (or raw-id) words in text meant for a Vietnamese reader.
//
// Vietnamese is written in syllables; a word without diacritics is still Vietnamese when it has the
// shape of a Vietnamese syllable (initial consonant, vowel cluster, final consonant: "cho", "tin",
// "mang"). English words, camelCase ids and English units almost never have that shape
// ("connection", "framesSent", "samples", "failed"). What is left over — and is not a proper name,
// product name, SI unit, protocol name, URI, path, number or a typed command — is reported.

/** Proper names, product names, protocol names, SI/IEC units and abbreviations a Vietnamese technician reads as is. */
export const ALLOWED = new Set(
  [
    // product and project names
    'wardkit',
    'ffmpeg',
    'ffprobe',
    'Windows',
    'Linux',
    'macOS',
    'Debian',
    'Ubuntu',
    'Node',
    'Node.js',
    'Chromium',
    // the test call's WebRTC engines (--engine werift|libwebrtc) and the npm package of libwebrtc
    'werift',
    'libwebrtc',
    'Chrome',
    'PulseAudio',
    'PipeWire',
    'pactl',
    'wpctl',
    'xrandr',
    'systemd',
    'NRPE',
    // wardkit's own command names, typed as they are
    'requeue',
    // said as is in Vietnamese IT: 'trang web', 'webhook'
    'web',
    'webhook',
    'webhooks',
    // ICE candidate types (RFC 8445), shown as the protocol names them
    'host',
    'srflx',
    'prflx',
    'relay',
    'cron',
    'crontab',
    'schtasks',
    'Task',
    'Scheduler',
    'Nagios',
    'Icinga',
    'Zabbix',
    'Prometheus',
    'Grafana',
    'SQLite',
    'npm',
    'npx',
    'GitHub',
    'Logitech',
    'BRIO',
    'MeetUp',
    'Rally',
    'Jabra',
    'Speak',
    'Poly',
    'Studio',
    'Yealink',
    'Samsung',
    'LG',
    'Sony',
    'TCL',
    'Philips',
    'Sharp',
    'Panasonic',
    'Casper',
    'Anker',
    'PowerConf',
    'EPOS',
    'Sennheiser',
    'Edifier',
    'Microlab',
    'AVer',
    'English',
    'Zalo',
    'Viettel',
    'VNPT',
    'FPT',
    'LED',
    'yaml-language-server',
    'GitHub Actions',
    'Actions',
    // Vietnamese abbreviations and loanwords
    'UBND',
    'HĐND',
    'TP',
    'virus',
    'online',
    'USB-C',
    // protocols, standards, interfaces
    'WebRTC',
    'WHIP',
    'STUN',
    'TURN',
    'TURNS',
    'ICE',
    'SDP',
    'RTP',
    'RTCP',
    'SRTP',
    'DTLS',
    'TLS',
    'SSL',
    'TCP',
    'UDP',
    'IP',
    'IPv4',
    'IPv6',
    'HTTP',
    'HTTPS',
    'DNS',
    'NTP',
    'DHCP',
    'NAT',
    'VPN',
    'QoS',
    'Wi',
    'Fi',
    'LAN',
    'USB',
    'HDMI',
    'DisplayPort',
    'VGA',
    'UVC',
    'ALSA',
    'V4L2',
    'DirectShow',
    'AVFoundation',
    'X11',
    'Xorg',
    'Wayland',
    'EDID',
    'VP8',
    'H264',
    'Opus',
    'PCM',
    'YAML',
    'JSON',
    'Schema',
    'HTML',
    'JUnit',
    'XML',
    'CSV',
    'PEM',
    'URI',
    'URL',
    'API',
    'CI',
    'ID',
    'PID',
    'CPU',
    'RAM',
    'GPU',
    'OS',
    'MOS',
    'SNR',
    'THD',
    'RMS',
    'DC',
    'FFT',
    'ITU',
    'RFC',
    'E-model',
    'UTC',
    'GMT',
    'ISO',
    'ICMP',
    'MTU',
    'SIP',
    'NDT',
    'ndt7',
    'TWAMP',
    'PAL',
    'NTSC',
    'EOF',
    'UNC',
    'PATH',
    'BOM',
    'UTF',
    // words the glossary keeps in English because that is how technicians say them
    'camera',
    'micro',
    'webcam',
    'video',
    'audio',
    'tivi',
    'jitter',
    'switch',
    'router',
    'modem',
    'driver',
    'firmware',
    'email',
    'online',
    'offline',
    'internet',
    'server',
    'port',
    'token',
    'hub',
    'proxy',
    'firewall',
    'adapter',
    'card',
    'pin',
    'codec',
    'bit',
    'byte',
    'luma',
    'pixel',
    'OK',
    'Enter',
    'Ctrl',
    'Y',
    'n',
    'y',
    'N',
    // units (SI, IEC and the conventional ones)
    's',
    'ms',
    'µs',
    'min',
    'h',
    'Hz',
    'kHz',
    'MHz',
    'dB',
    'dBFS',
    'dBm',
    'bit',
    'kbit',
    'Mbit',
    'Gbit',
    'kbps',
    'Mbps',
    'B',
    'KiB',
    'MiB',
    'GiB',
    'kB',
    'MB',
    'GB',
    'px',
    'fps',
    'V',
    'W',
    'm',
    'cm',
    'p',
    'x',
    'K',
    // environment variables and keys a user types (documented as is)
    'LANG',
    'LC_ALL',
    'LC_MESSAGES',
    'NO_COLOR',
    'FORCE_COLOR',
    'WARDKIT_TOKEN',
    'WARDKIT_LANG',
    'WARDKIT_FFMPEG',
    'WARDKIT_SPOOL',
    'WARDKIT_ADMIN_TOKEN',
    'WARDKIT_WHIP_TOKEN',
    'DISPLAY',
    'XDG_RUNTIME_DIR',
    'PULSE_SERVER',
    'HOME',
    // bundled profile ids are ids the user types
    'ward-standard',
    'hq-reception',
    'demo-simulated',
  ].map((w) => w.toLowerCase()),
);

/** Syllable-shaped English words that do occur in our English text and never in Vietnamese. */
const ENGLISH_SYLLABLES = new Set([
  'room',
  'from',
  'the',
  'not',
  'on',
  'at',
  'to',
  'set',
  'get',
  'can',
  'bad',
  'has',
  'had',
  'did',
  'got',
  'yet',
  'per',
  'via',
  'cannot',
  'bool',
  'true',
  'false',
  'null',
]);

const INITIAL = '(?:ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x)?';
// Vowel clusters of Vietnamese written without diacritics; those ending in a glide take no final.
const OPEN = [
  'ai',
  'ao',
  'au',
  'ay',
  'eo',
  'eu',
  'iu',
  'oi',
  'ui',
  'uu',
  'oai',
  'oay',
  'uay',
  'uoi',
  'uou',
  'ieu',
  'yeu',
  'oeo',
  'uyu',
  'ia',
  'ua',
  'uya',
];
const CLOSABLE = ['a', 'e', 'i', 'o', 'u', 'y', 'oa', 'oe', 'oo', 'ue', 'uo', 'uy', 'ie', 'ye', 'uye'];
const SYLLABLE = new RegExp(`^${INITIAL}(?:(?:${OPEN.join('|')})|(?:${CLOSABLE.join('|')})(?:ch|ng|nh|c|m|n|p|t)?)$`);

/** True when a diacritic-free lower-case word has the shape of one Vietnamese syllable. */
export function isVietnameseSyllable(word: string): boolean {
  return SYLLABLE.test(word) && !ENGLISH_SYLLABLES.has(word);
}

const SUBCOMMANDS =
  'check|apply|call|serve|profiles|devices|doctor|report|schedule|token|validate|list|show|schema|submit|flush|create|revoke|install|remove|status|uninstall|help';

/** Removes what is not prose: URIs, paths, file names, typed commands, flags, ids with digits, env assignments. */
export function stripNonProse(text: string): string {
  return (
    text
      // raw text kept as a detail for whoever the technician forwards it to, and debug lines
      .replace(/\((?:chi tiết|detail): [^\n]*?\)(?=[.;,]?(?:\s|$))/g, ' ')
      .replace(/(?:chi tiết|detail): .*$/g, ' ')
      .replace(/^\[debug\].*$/g, ' ')
      // inline code a user types: `wardkit devices`
      .replace(/`[^`\n]*`/g, ' ')
      // typed commands: "wardkit <subcommand…> [--flag [value]]…"
      .replace(
        new RegExp(
          `\\b(?:npx\\s+)?wardkit(?:\\s+(?:${SUBCOMMANDS})\\b)*(?:\\s+--?[a-z][\\w-]*(?:[= ](?!--)[^\\s,;()]*[A-Z0-9_./:=<>@*?-][^\\s,;()]*)?)*`,
          'g',
        ),
        ' ',
      )
      // any remaining --flag or -f
      .replace(/(?:^|[\s(])--?[a-z][\w-]*(?:=\S*)?/g, ' ')
      // URLs and device URIs
      .replace(/\b[a-z][\w+.-]*:\/\/\S*/gi, ' ')
      .replace(/\b(?:v4l2|dshow|avfoundation|alsa|pulse|lavfi|file|sim|x11|display|pipewire|wasapi|usb):\S*/gi, ' ')
      // paths and file names
      .replace(/(?:^|[\s(="'])(?:~|\.{1,2})?\/[^\s,;)"']*/g, ' ')
      .replace(/\b[\w.-]+\/[^\s,;)]*/g, ' ')
      .replace(/\*\.\w+/g, ' ')
      .replace(
        /\b[\w.-]+\.(?:ya?ml|json|html?|xml|txt|csv|log|pem|key|crt|mp4|wav|png|svg|jpe?g|exe|sh|mjs|js|ts)\b/gi,
        ' ',
      )
      // ENV_VARS, host names (wardkit.danang.gov.vn), [args…] of a usage line
      .replace(/\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/g, ' ')
      .replace(/\b[a-z][\w-]*(?:\.[a-z][\w-]*){2,}\b/gi, ' ')
      .replace(/\[[\w.|-]+\]/g, ' ')
      // KEY=value, ROLE=URI and placeholders <…>
      .replace(/\b[\w-]+=\S*/g, ' ')
      .replace(/<[^>\s]*>/g, ' ')
      // anything with a digit in it: versions, hashes, ids, addresses, 1280x720, x64
      .replace(/\S*\d\S*/g, ' ')
  );
}

export interface Offence {
  word: string;
  line: string;
}

/** Words in `text` that are neither Vietnamese nor allowed. `extra`: names of this test's devices etc. */
export function englishWords(text: string, extra: Iterable<string> = []): Offence[] {
  const extras = [...extra];
  const allowed = new Set([...ALLOWED, ...extras.filter((w) => !/\s/.test(w)).map((w) => w.toLowerCase())]);
  // Names of several words (a device called "Samsung TV") are removed whole.
  const phrases = extras
    .filter((w) => /\s/.test(w))
    .map((w) => new RegExp(w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'));
  const out: Offence[] = [];
  for (const raw of text.split('\n')) {
    const line = phrases.reduce((l, re) => l.replace(re, ' '), stripNonProse(raw));
    for (const m of line.matchAll(/[\p{L}][\p{L}\p{M}'’.-]*[\p{L}\p{M}]|[\p{L}]/gu)) {
      const word = m[0].replace(/[.'’-]+$/, '');
      const lower = word.toLowerCase();
      if (allowed.has(lower)) continue;
      // hyphenated words: each part on its own (Wi-Fi, E-model are allowed whole above)
      const parts = lower.split(/[-.'’]/).filter(Boolean);
      const bad = parts.filter((p) => !allowed.has(p) && !isVietnamese(p));
      if (bad.length) out.push({ word, line: raw.trim() });
    }
  }
  return out;
}

function isVietnamese(lower: string): boolean {
  // Any letter outside plain ASCII (đ, ơ, ư, tone marks) marks a Vietnamese word.
  if (/[^\x00-\x7f]/.test(lower))
    return /^[a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]+$/.test(lower);
  return isVietnameseSyllable(lower);
}

/** A readable failure message: each offending word once, with the first line it occurred on. */
export function describeOffences(offences: Offence[]): string {
  const seen = new Map<string, string>();
  for (const o of offences) if (!seen.has(o.word)) seen.set(o.word, o.line);
  return [...seen].map(([w, l]) => `  «${w}» in: ${l.slice(0, 160)}`).join('\n');
}
