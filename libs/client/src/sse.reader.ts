/** One Server-Sent Event as `GET /jobs/{id}/events` sends it. */
export interface ServerSentEvent {
  /** The `id:` field ('' when absent); pass the last one as `lastEventId` to resume. */
  id: string;
  /** The `event:` field ('message' when absent). */
  event: string;
  /** The `data:` lines joined by newlines, JSON-parsed when they are JSON. */
  data: unknown;
}

/**
 * Splits a `text/event-stream` body into events as bytes arrive: blank-line separated blocks of
 * `field: value` lines; comment lines (`: heartbeat`) are skipped.
 */
export async function* readServerSentEvents(body: AsyncIterable<Uint8Array>): AsyncGenerator<ServerSentEvent> {
  const decoder = new TextDecoder();
  let buffered = '';
  for await (const chunk of body) {
    buffered += decoder.decode(chunk, { stream: true }).replace(/\r\n?/g, '\n');
    let end: number;
    while ((end = buffered.indexOf('\n\n')) >= 0) {
      const block = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      const ev = parseBlock(block);
      if (ev) yield ev;
    }
  }
  const last = parseBlock(buffered + decoder.decode());
  if (last) yield last;
}

function parseBlock(block: string): ServerSentEvent | null {
  let id = '';
  let event = 'message';
  const data: string[] = [];
  let any = false;
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const name = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    any = true;
    if (name === 'id') id = value;
    else if (name === 'event') event = value;
    else if (name === 'data') data.push(value);
  }
  if (!any) return null;
  const text = data.join('\n');
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = text;
  }
  return { id, event, data: parsed };
}
