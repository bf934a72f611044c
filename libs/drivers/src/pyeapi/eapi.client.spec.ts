import { LARGE_OUTPUT_BYTES, Utf8Json, maskSecretValues } from '@netpulse/contracts';
import type { HttpRequestOptions, HttpResponse, HttpTransport } from '../http/http.transport';
import { EapiClient, largeReply } from './eapi.client';

const SECRETS = ['Pa55wörd', 'to"ken'];
const textOf = (v: unknown): string => (v instanceof Utf8Json ? [...v.jsonPieces()].join('') : JSON.stringify(v));

/** Command answers (one `result` element each) that parsing and re-encoding could write differently from the device. */
const ELEMENTS = [
  '{"name": "héllo ✓ 𝄞 😀", "中文": "日本語"}',
  String.raw`{"q": "a\"b\\c\/d\u0041\n\t\u001f\ud83d\ude00", "lone": "\ud800"}`,
  '[[[]], [{}], [1, [2, [3]]], {"a": {"b": [{"c": null}]}}]',
  '{"n": [1e5, -0, 1.0, 1E+2, 0.1, 123456789012345678901, 1e400, 5e-324, -0.0]}',
  '{"vlans": {"1": {"name": "default"}, "10": {}, "200": {}}, "x": true}',
  '{"vlans": {"10": {}, "9": {}}}',
  '{"a": 1, "a": 2}',
  '{"__proto__": {"polluted": 1}}',
  '{"line": "password Pa55wörd", "spelled": "P\\u006155wörd", "quoted": "to\\"ken"}',
  '{"Pa55wörd": "in a name"}',
  '"text answer"',
  'null',
];

/** The answer as JSON.parse reads it: what the client gives without keepLarge. */
const parsed = (body: string): unknown[] => (JSON.parse(body) as { result: unknown[] }).result;

describe('largeReply (an eAPI answer read from its bytes)', () => {
  const body = `{"jsonrpc": "2.0", "id": "netpulse-1", "result": [\n${ELEMENTS.join(',\n ')}\n]}`;

  it('gives each result the same JSON text as parsing the answer would, masked the same, each large one as its bytes', () => {
    const reply = largeReply(Buffer.from(body, 'utf8'), 0);
    expect(reply?.kind).toBe('result');
    const streamed = reply?.kind === 'result' ? reply.result : [];
    const old = parsed(body);
    expect(streamed).toHaveLength(old.length);
    // Those JSON.parse would change the order or the names of stay objects (parsed).
    expect(streamed.map((r) => r instanceof Utf8Json)).toEqual([true, true, true, true, true, false, false, false, true, true, true, true]);
    streamed.forEach((r, i) => {
      expect(textOf(r)).toBe(JSON.stringify(old[i]));
      expect(textOf(maskSecretValues(r, SECRETS))).toBe(JSON.stringify(maskSecretValues(old[i], SECRETS)));
    });
  });

  it('keeps results up to the size given as objects', () => {
    const reply = largeReply(Buffer.from(body, 'utf8'), 40);
    const streamed = reply?.kind === 'result' ? reply.result : [];
    expect(streamed.map((r) => r instanceof Utf8Json)).toEqual([true, true, true, true, true, false, false, false, true, false, false, false]);
    expect(streamed[11]).toBeNull();
    expect(streamed[10]).toBe('text answer');
  });

  it.each([
    ['an error answer', '{"jsonrpc":"2.0","id":"1","error":{"code":1002,"message":"bad","data":[{}]}}'],
    ['an error beside a result', '{"result":[{}],"error":null}'],
    ['a repeated result', '{"result":[{"a":1}],"result":[{"a":2}]}'],
    ['no result', '{"jsonrpc":"2.0","id":"1"}'],
    ['a result that is not an array', '{"result":{}}'],
    ['invalid JSON', '{"result":[{"a":}]}'],
    ['trailing data', '{"result":[]} x'],
    ['not an object', '[{"result":[]}]'],
  ])('leaves %s to the parsing path', (_, answer) => {
    expect(largeReply(Buffer.from(answer, 'utf8'), 0)).toBeNull();
  });

  it('leaves an answer that is not UTF-8 to the parsing path', () => {
    expect(largeReply(Buffer.concat([Buffer.from('{"result":["'), Buffer.from([0xff]), Buffer.from('"]}')]), 0)).toBeNull();
  });
});

describe('EapiClient.runCmds with keepLarge', () => {
  /** A transport that answers one body and fails on anything else. */
  const transport = (answer: string): HttpTransport => {
    const stub: Pick<HttpTransport, 'request' | 'endpoint'> = {
      endpoint: '127.0.0.1:1',
      request: (req: HttpRequestOptions): Promise<HttpResponse> => {
        if (req.path !== '/command-api') throw new Error(`unexpected request to ${req.path}`);
        return Promise.resolve({ body: Buffer.from(answer, 'utf8'), headers: {}, status: 200, statusText: 'OK' });
      },
    };
    return stub as HttpTransport;
  };
  const big = `{"interfaces": {${Array.from({ length: LARGE_OUTPUT_BYTES / 30 }, (_, i) => `"Ethernet${i}": {"mtu": 1500, "up": true}`).join(', ')}}}`;
  const answer = `{"jsonrpc": "2.0", "id": "netpulse-1", "result": [{}, ${big}]}`;

  it('keeps a result past LARGE_OUTPUT_BYTES as its bytes, the others as objects', async () => {
    const reply = await new EapiClient(transport(answer), 'admin', 'pw').runCmds(['enable', 'show interfaces'], 'json', { keepLarge: true });
    const result = reply.kind === 'result' ? reply.result : [];
    expect(result[0]).toEqual({});
    expect(result[1]).toBeInstanceOf(Utf8Json);
    expect(textOf(result[1])).toBe(JSON.stringify(JSON.parse(big)));
  });

  it('parses everything without it, and small answers either way', async () => {
    const reply = await new EapiClient(transport(answer), 'admin', 'pw').runCmds(['enable', 'show interfaces'], 'json');
    expect(reply.kind === 'result' && reply.result[1]).toEqual(JSON.parse(big));
    const small = await new EapiClient(transport('{"result": [{}, {"a": 1.0}]}'), 'admin', 'pw').runCmds(['enable', 'show a'], 'json', { keepLarge: true });
    expect(small).toEqual({ kind: 'result', result: [{}, { a: 1 }] });
  });
});
