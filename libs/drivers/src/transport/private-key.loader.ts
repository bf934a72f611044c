import { createPrivateKey, KeyObject } from 'node:crypto';
import { SshError } from './ssh.error';

/** The prefix of ssh2's error for a key it cannot read; SshConnection rewrites it to ours. */
export const SSH2_KEY_ERROR = 'Cannot parse privateKey: ';

/**
 * Turns client-supplied key text (`pkey`) or file bytes into something ssh2 accepts. ssh2 reads
 * OpenSSH and PEM (PKCS#1/SEC1) keys, encrypted or not, and reports the rest itself (parsing twice
 * would run an encrypted key's bcrypt KDF twice); PKCS#8 keys, which paramiko also loads, are
 * converted here. Messages never quote the key or passphrase.
 */
export function loadPrivateKey(key: string | Buffer, passphrase: string | undefined, label = 'private key'): string | Buffer {
  let data: string | Buffer = key;
  // JSON clients sometimes send the PEM with literal "\n" sequences instead of line breaks.
  if (typeof data === 'string' && !data.includes('\n') && data.includes('\\n')) data = data.replace(/\\n/g, '\n');
  const text = data.toString();
  if (/-----BEGIN (ENCRYPTED )?PRIVATE KEY-----/.test(text)) return fromPkcs8(text, passphrase, label);
  return data;
}

function fromPkcs8(text: string, passphrase: string | undefined, label: string): string {
  let obj: KeyObject;
  try {
    obj = createPrivateKey({ key: text, format: 'pem', passphrase });
  } catch {
    const why = text.includes('ENCRYPTED') ? (passphrase ? 'bad passphrase?' : 'it is encrypted but no passphrase was given') : 'it could not be parsed';
    throw new SshError(`The ${label} cannot be used: PKCS#8 key, ${why}`, 'auth');
  }
  if (obj.asymmetricKeyType === 'rsa') return obj.export({ type: 'pkcs1', format: 'pem' }).toString();
  if (obj.asymmetricKeyType === 'ec') return obj.export({ type: 'sec1', format: 'pem' }).toString();
  throw new SshError(`The ${label} cannot be used: PKCS#8 ${obj.asymmetricKeyType ?? 'unknown'} keys are not supported; use the OpenSSH format`, 'auth');
}
