/**
 * What a simulated device's eAPI has seen, kept apart from the SSH `DeviceCounters` so tests of
 * either face stay exact. Commands run over eAPI still count in `DeviceCounters.commandCount`.
 */
export class EapiCounters {
  /** Requests rejected for bad or missing credentials (HTTP 401). */
  authFailures = 0;
  /** TCP connections accepted, HTTP and HTTPS together: a keep-alive client opens one. */
  connections = 0;
  /** Authenticated requests (eAPI has no login session: every request authenticates). */
  logins = 0;
  /** HTTP requests of any kind, rejected ones included. */
  requests = 0;

  reset(): void {
    this.authFailures = 0;
    this.connections = 0;
    this.logins = 0;
    this.requests = 0;
  }
}
