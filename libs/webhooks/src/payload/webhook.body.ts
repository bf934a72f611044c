import type { StreamedBody } from '@netpulse/net-policy';

/** Where a payload's `result.retval` placeholder sits in its JSON text (the first one: see {@link WebhookBody.spliced}). */
const RETVAL_NULL = '"retval":null';

async function* once(b: Buffer): AsyncGenerator<Buffer> {
  yield b;
}

/**
 * The bytes of one webhook delivery: a payload's JSON, in memory; or, for a job with a large
 * result, the payload's JSON with its `result.retval` read from the stored result a part at a
 * time while it is sent (and once more before, to sign it), never held whole.
 */
export class WebhookBody implements StreamedBody {
  private constructor(
    readonly length: number,
    readonly parts: () => AsyncIterable<Buffer>,
    /** The whole body when it is in memory. */
    readonly whole: Buffer | null,
  ) {}

  static of(payload: unknown): WebhookBody {
    const whole = Buffer.from(JSON.stringify(payload), 'utf8');
    return new WebhookBody(whole.length, () => once(whole), whole);
  }

  /**
   * `payload` (whose `result.retval` is null) with `retval` (the JSON of the real one, `length`
   * bytes) in its place. The keys before `result` are ids, states and times: `"retval":null` cannot
   * occur inside them (a quote in a string value is escaped), so the first one is the result's.
   */
  static spliced(payload: unknown, retval: StreamedBody): WebhookBody {
    const text = JSON.stringify(payload);
    const at = text.indexOf(RETVAL_NULL);
    if (at < 0) throw new Error('the payload has no result.retval to fill');
    const head = Buffer.from(text.slice(0, at + RETVAL_NULL.length - 4), 'utf8');
    const tail = Buffer.from(text.slice(at + RETVAL_NULL.length), 'utf8');
    async function* parts(): AsyncGenerator<Buffer> {
      yield head;
      yield* retval.parts();
      yield tail;
    }
    return new WebhookBody(head.length + retval.length + tail.length, parts, null);
  }
}
