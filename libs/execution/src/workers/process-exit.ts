/**
 * Lets a service ask for the process to end (a `shutdown` command) without knowing how the app
 * closes: main wires the handler that drains the app and exits 0.
 */
export class ProcessExit {
  private handler: (() => void) | null = null;

  onRequest(handler: () => void): void {
    this.handler = handler;
  }

  request(): void {
    this.handler?.();
  }
}
