import { setTimeout as sleep } from 'node:timers/promises';

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  text: string;
}

/** A small HTTP client for the REST API (real HTTP through fetch), with the key in a header by default. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly apiKey: string,
  ) {}

  async request<T = unknown>(method: string, path: string, body?: unknown, init: { headers?: Record<string, string>; raw?: string; noKey?: boolean } = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...(init.noKey ? {} : { 'X-API-KEY': this.apiKey }), ...init.headers };
    let payload: string | undefined;
    if (init.raw !== undefined) payload = init.raw;
    else if (body !== undefined) payload = JSON.stringify(body);
    if (payload !== undefined && !headers['Content-Type']) headers['Content-Type'] = 'application/json';
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers, body: payload });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
    return { status: res.status, body: parsed as T, text };
  }

  get<T = unknown>(path: string): Promise<ApiResponse<T>> {
    return this.request<T>('GET', path);
  }

  post<T = unknown>(path: string, body?: unknown): Promise<ApiResponse<T>> {
    return this.request<T>('POST', path, body);
  }

  delete<T = unknown>(path: string): Promise<ApiResponse<T>> {
    return this.request<T>('DELETE', path);
  }

  /** Polls `GET /jobs/{id}` until the job reaches a terminal state. */
  async waitForJob<T extends { status: string }>(id: string, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const res = await this.get<T>(`/jobs/${id}`);
      if (res.status === 200 && ['finished', 'failed', 'stopped', 'canceled'].includes(res.body.status)) return res.body;
      if (Date.now() > deadline) throw new Error(`job ${id} not done after ${timeoutMs} ms: ${res.text}`);
      await sleep(50);
    }
  }
}
