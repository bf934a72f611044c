export { NetpulseApiError, detailText } from './netpulse-api.error';
export { NetpulseClient } from './netpulse.client';
export type { BulkRequest, BulkResponse, ExecRequest, JobFilter, NetpulseClientOptions } from './netpulse.client';
export { readServerSentEvents } from './sse.reader';
export type { ServerSentEvent } from './sse.reader';
