import { readServerSentEvents } from './sse.reader';

async function* chunks(parts: string[]): AsyncGenerator<Uint8Array> {
  const enc = new TextEncoder();
  for (const p of parts) yield enc.encode(p);
}

async function all(parts: string[]): Promise<{ id: string; event: string; data: unknown }[]> {
  const out = [];
  for await (const ev of readServerSentEvents(chunks(parts))) out.push(ev);
  return out;
}

describe('readServerSentEvents', () => {
  it('yields events whatever the chunk boundaries, skipping heartbeats and parsing JSON data', async () => {
    const stream = 'id: 1\nevent: queued\ndata: {"status":"queued"}\n\n: heartbeat\n\nid: out-6\nevent: output\ndata: {"output":"a\\nb\\n"}\n\nid: end\nevent: task-ended\ndata: {"status":"completed"}\n\n';
    const expected = [
      { id: '1', event: 'queued', data: { status: 'queued' } },
      { id: 'out-6', event: 'output', data: { output: 'a\nb\n' } },
      { id: 'end', event: 'task-ended', data: { status: 'completed' } },
    ];
    expect(await all([stream])).toEqual(expected);
    // One byte at a time, and split in the middle of the blank line between events.
    expect(await all(stream.split(''))).toEqual(expected);
  });

  it('accepts CRLF line ends, multi-line and non-JSON data, and a last event without its blank line', async () => {
    expect(await all(['event: note\r\ndata: line one\r\ndata: line two\r\n\r\n', 'data: 42'])).toEqual([
      { id: '', event: 'note', data: 'line one\nline two' },
      { id: '', event: 'message', data: 42 },
    ]);
  });
});
