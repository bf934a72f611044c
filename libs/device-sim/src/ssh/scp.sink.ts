import type { ServerChannel } from 'ssh2';

/** Where an upload may go: the file name to store it under, or why the device refuses it. */
export type ScpDestination = { readonly file: string } | { readonly error: string };

const MAX_FILE = 16 << 20;

/** `scp -t <path>` (with any of `-q`, `-p`, `-v` flags), the sink side of an SCP upload. */
export function scpSinkPath(command: string): string | undefined {
  const m = /^scp((?:\s+-[a-zA-Z]+)*)\s+(\S+)$/.exec(command.trim());
  return m && /t/.test(m[1]) ? m[2] : undefined;
}

/**
 * The receiving end of the SCP protocol for one `C` (single file) record: acknowledge with a zero
 * byte, read `C<mode> <size> <name>`, acknowledge, read the bytes and their trailing zero,
 * acknowledge, store. Directories (`D`), times (`T`) and anything else are refused with a `\x01`
 * error line, as an SCP server does; so is a refused destination.
 */
export function runScpSink(channel: ServerChannel, destination: ScpDestination, store: (file: string, data: Buffer) => void): void {
  const fail = (message: string): void => {
    channel.write(`\x01scp: ${message}\n`);
    channel.exit(1);
    channel.end();
  };
  if ('error' in destination) return fail(destination.error);
  let buffer = Buffer.alloc(0);
  let size = -1;
  let done = false;
  channel.write('\0');
  channel.on('data', (chunk: Buffer) => {
    if (done) return;
    buffer = Buffer.concat([buffer, chunk]);
    if (size < 0) {
      const nl = buffer.indexOf(0x0a);
      if (nl < 0) return;
      const header = buffer.subarray(0, nl).toString('utf8');
      buffer = buffer.subarray(nl + 1);
      const m = /^C[0-7]{4} (\d+) \S+$/.exec(header);
      if (!m) return fail(`protocol error: expected a file record, got ${JSON.stringify(header.slice(0, 40))}`);
      size = Number(m[1]);
      if (size > MAX_FILE) return fail('Not enough space on the device');
      channel.write('\0');
    }
    if (buffer.length < size + 1) return;
    done = true;
    store(destination.file, buffer.subarray(0, size));
    channel.write('\0');
    channel.exit(0);
    channel.end();
  });
}
