import type { SshConnection } from './ssh.connection';
import { SshError } from './ssh.error';

/**
 * Copies one file to a device with the SCP protocol (`scp -t <path>` on an exec channel), as
 * network devices take configuration files: wait for the sink's zero byte, send `C0644 <size>
 * <name>`, wait, send the bytes and a zero, wait, close stdin. A `\x01`/`\x02` answer is the
 * device's refusal, reported with its text.
 */
export async function scpUpload(conn: SshConnection, path: string, data: Buffer, signal: AbortSignal, timeoutMs: number): Promise<void> {
  const name = path.replace(/^.*[:/]/, '') || 'file';
  let acks = 0;
  let refusal = '';
  let pending = Buffer.alloc(0);
  const out = await conn.exec(`scp -t ${path}`, {
    keepStdinOpen: true,
    signal,
    timeoutMs,
    onStdout: (chunk, input) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length > 0 && refusal === '') {
        if (pending[0] === 1 || pending[0] === 2) {
          const nl = pending.indexOf(0x0a);
          if (nl < 0) return;
          refusal = pending.subarray(1, nl).toString('utf8').trim() || 'refused';
          input.end();
          return;
        }
        pending = pending.subarray(1);
        acks += 1;
        if (acks === 1) input.write(`C0644 ${data.length} ${name}\n`);
        else if (acks === 2) {
          input.write(data);
          input.write(Buffer.from([0]));
        } else if (acks === 3) input.end();
      }
    },
  });
  if (refusal) throw new SshError(`SCP upload of ${path} refused by the device: ${refusal}`, 'channel');
  if (out.aborted) throw new SshError('Interrupted', 'channel');
  if (out.timedOut) throw new SshError(`SCP upload of ${path} timed out after ${timeoutMs / 1000}s`, 'timeout');
  if (acks < 3) throw new SshError(`SCP upload of ${path} did not complete (the device closed the channel after ${acks} of 3 acknowledgements)`, 'channel');
}
