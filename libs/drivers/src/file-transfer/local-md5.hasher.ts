import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** MD5 (hex) of a local file, streamed: memory stays flat whatever the file size. */
export async function md5OfLocalFile(path: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash('md5');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20, signal })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
