// A self-signed certificate for 127.0.0.1 and localhost (one day, RSA 2048), made by openssl:
// for servers that must speak TLS in a test (an untrusted certificate, TURN over TLS, cipher suites).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { tempDir } from './temp.js';

export interface SelfSigned {
  dir: string;
  cert: string;
  key: string;
}

/** Writes cert.pem and key.pem into `dir` (default: a new temporary folder). */
export function selfSignedCert(dir: string = tempDir('wardkit-tls-')): SelfSigned {
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ],
    { stdio: 'ignore', timeout: 30_000 },
  );
  return { dir, cert, key };
}
