import { StreamableFile } from '@nestjs/common';
import type { JobAnswer } from '@netpulse/control';
import { Readable } from 'node:stream';

/**
 * A JSON answer of stored jobs as the framework sends it: in one write when it is in memory, else
 * its parts one at a time as the socket takes them (one part ahead at most: a part of a large
 * result is 1 MiB), with its length announced either way.
 */
export function jobAnswerFile(answer: JobAnswer): StreamableFile {
  const file = { type: 'application/json; charset=utf-8', length: answer.length };
  return answer.whole ? new StreamableFile(answer.whole, file) : new StreamableFile(Readable.from(answer.parts, { highWaterMark: 1 }), file);
}
