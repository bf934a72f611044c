import type { JobInResponse } from '@netpulse/contracts';
import type { SimDevice } from '../sim/fleet.messages';
import type { HttpJsonClient } from './http-json.client';

export interface BulkResponse {
  succeeded: JobInResponse[];
  failed: { host: string | null; reason: string }[];
}

/**
 * Submits `/device/bulk` requests over a device list, `size` devices per request, cycling through the
 * list so consecutive requests spread the load over every device.
 */
export class BulkSubmitter {
  private next = 0;
  /** Devices refused by the controller (listed in `failed`), with the first reason seen. */
  refused = 0;
  firstReason: string | null = null;

  constructor(
    private readonly http: HttpJsonClient,
    private readonly base: Record<string, unknown>,
    private readonly devices: SimDevice[],
    private readonly size: number,
  ) {}

  /** One request for the next `size` devices: the ids of the jobs it created. */
  async submit(): Promise<string[]> {
    const batch: SimDevice[] = [];
    for (let i = 0; i < Math.min(this.size, this.devices.length); i++) batch.push(this.devices[(this.next + i) % this.devices.length]);
    this.next = (this.next + batch.length) % this.devices.length;
    return (await this.send(batch)).succeeded.map((j) => j.id);
  }

  async send(batch: SimDevice[]): Promise<BulkResponse> {
    const res = await this.http.post<BulkResponse>('/device/bulk', { ...this.base, devices: batch.map((d) => ({ host: d.host, port: d.port })) }, 120_000);
    if (res.status !== 201) throw new Error(`POST /device/bulk answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
    if (res.body.failed.length > 0) {
      this.refused += res.body.failed.length;
      this.firstReason ??= res.body.failed[0].reason;
    }
    return res.body;
  }
}
