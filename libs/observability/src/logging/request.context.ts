import { AsyncLocalStorage } from 'node:async_hooks';

/** What a request (or a job started from one) carries through its async calls. */
export interface RequestContext {
  requestId: string;
  /** Who sent the request, once the API key guard accepted it (audit entries carry it). */
  actor?: RequestActor;
}

/** The accepted API key's name, the client address and the route (`POST /device/exec`). */
export interface RequestActor {
  key: string;
  client: string;
  route: string;
}

// One store per process: the logger reads it on every line, the middleware and job runners fill it.
const storage = new AsyncLocalStorage<RequestContext>();

/** The request id of the code running now, if it runs inside a request (or `runWithRequestId`). */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/**
 * Runs `fn` with `requestId` as the current request id, so every log line written inside it (and in
 * the promises it starts) carries `request_id`. Workers use it to log a job under the id of the API
 * request that created it.
 */
export function runWithRequestId<T>(requestId: string, fn: () => T): T {
  return storage.run({ requestId }, fn);
}

/** Records who sent the current request; no-op outside a request. */
export function setRequestActor(actor: RequestActor): void {
  const store = storage.getStore();
  if (store) store.actor = actor;
}

export function currentRequestActor(): RequestActor | undefined {
  return storage.getStore()?.actor;
}
