import { waitUntil } from '@netpulse/testing';
import { AppConfig, defaultConfig } from '@netpulse/config';
import { ApiError } from '@netpulse/contracts';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { AddressInfo, Socket } from 'node:net';
import { createServer, Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StagedFilesStore } from '@netpulse/control';
import { MultipartExec, MultipartExecReader } from './multipart-exec.reader';
import { setTimeout as sleep } from 'node:timers/promises';

describe('MultipartExecReader (real HTTP, real files)', () => {
  const staging = mkdtempSync(join(tmpdir(), 'np-multipart-'));
  const cfg = defaultConfig();
  const config: AppConfig = { value: { ...cfg, server: { ...cfg.server, body_limit: 2048 }, storage: { ...cfg.storage, staging, max_upload_bytes: 100_000 } } };
  const sut = new MultipartExecReader(config, new StagedFilesStore(config));
  let server: Server;
  let url: string;
  let last: Promise<MultipartExec> = Promise.resolve({ request: null, stagedFile: null });

  beforeAll(async () => {
    server = createServer((req, res) => {
      last = sut.read(req);
      last.then(
        (r) => res.end(JSON.stringify(r)),
        (e: ApiError) => {
          res.statusCode = e.status;
          res.end(JSON.stringify(e.body));
        },
      );
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    rmSync(staging, { recursive: true, force: true });
  });

  const post = async (fields: Record<string, string>, file?: { name: string; data: Buffer }) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    if (file) form.set('file', new Blob([file.data]), file.name);
    const res = await fetch(url, { method: 'POST', body: form });
    return { status: res.status, body: (await res.json()) as MultipartExec & { detail: string } };
  };
  const staged = (): string[] => readdirSync(staging);

  it('streams the file to <8 hex>_<sanitised name> and hands back the request text', async () => {
    const data = Buffer.from('payload bytes');
    const res = await post({ request: '{"driver":"paramiko"}', other: 'ignored' }, { name: 'my file (1).txt', data });
    expect(res.status).toBe(200);
    expect(res.body.request).toBe('{"driver":"paramiko"}');
    expect(res.body.stagedFile).toMatch(new RegExp(`^${staging}/[0-9a-f]{8}_my_file__1_\\.txt$`));
    expect(readFileSync(res.body.stagedFile ?? '')).toEqual(data);
    rmSync(res.body.stagedFile ?? '');
  });

  it('reads a body without a file or without a request', async () => {
    expect((await post({ request: '{}' })).body).toEqual({ request: '{}', stagedFile: null });
    expect((await post({})).body).toEqual({ request: null, stagedFile: null });
  });

  it('answers 413 for a file over storage.max_upload_bytes and keeps nothing', async () => {
    const res = await post({ request: '{}' }, { name: 'big.bin', data: Buffer.alloc(150_000) });
    expect(res).toMatchObject({ status: 413, body: { detail: 'Uploaded file is larger than storage.max_upload_bytes (100000 bytes)' } });
    expect(staged()).toEqual([]);
  });

  it('answers 413 for a request field over server.body_limit', async () => {
    const res = await post({ request: 'x'.repeat(3000) });
    expect(res).toMatchObject({ status: 413, body: { detail: "Field 'request' is larger than server.body_limit (2048 bytes)" } });
  });

  it('leaves no partial file when the client goes away mid-upload', async () => {
    const boundary = 'np-boundary';
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="cut.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`;
    const sock = new Socket();
    await new Promise<void>((r) => sock.connect(Number(new URL(url).port), '127.0.0.1', r));
    sock.write(`POST / HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: 90000\r\n\r\n${head}`);
    sock.write(Buffer.alloc(20_000));
    await sleep(100);
    sock.destroy();
    await expect(last).rejects.toMatchObject({ status: 400 });
    await waitUntil('the staged file is deleted', () => !(staged().length > 0), { timeoutMs: 500, intervalMs: 25 });
    expect(staged()).toEqual([]);
  });
});
