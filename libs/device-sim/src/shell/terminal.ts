/**
 * The byte pipe a CLI session talks through. The SSH adapter implements it on an ssh2 channel;
 * unit tests implement it in memory, so the CLI state machine is tested without sockets.
 */
export interface Terminal {
  /** Ends the channel with an exit status; for a shell the device then closes the connection. */
  close(exitCode: number): void;
  readonly closed: boolean;
  /** Kills the TCP connection at once, without SSH goodbye (the `dropOnCommand` fault). */
  drop(): void;
  /** Resolves when the data is handed on and the peer's window has room again (backpressure). */
  write(text: string): Promise<void>;
  /** Standard error of an `exec` request; a shell has only one stream, so it goes inline there. */
  writeError(text: string): Promise<void>;
}
