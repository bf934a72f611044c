import type { ServerChannel } from 'ssh2';
import type { Writable } from 'node:stream';
import type { Terminal } from '../shell/terminal';

/** Callbacks into the connection that owns the channel. */
export interface ChannelHooks {
  /** Destroys the TCP socket (the `dropOnCommand` fault). */
  drop(): void;
  /** Runs after the channel ends; a shell's end closes the whole connection, like on a device. */
  ended(): void;
}

/** A `Terminal` on an ssh2 session channel, honouring the peer's window (backpressure). */
export class ChannelTerminal implements Terminal {
  private isClosed = false;

  constructor(
    private readonly channel: ServerChannel,
    private readonly hooks: ChannelHooks,
  ) {
    channel.once('close', () => {
      this.isClosed = true;
    });
  }

  get closed(): boolean {
    return this.isClosed;
  }

  write(text: string): Promise<void> {
    return this.send(this.channel, text);
  }

  writeError(text: string): Promise<void> {
    return this.send(this.channel.stderr, text);
  }

  close(exitCode: number): void {
    if (this.isClosed) return;
    this.isClosed = true;
    try {
      this.channel.exit(exitCode);
      this.channel.end();
    } catch {
      // The client closed first; nothing left to tell it.
    }
    this.hooks.ended();
  }

  drop(): void {
    this.isClosed = true;
    this.hooks.drop();
  }

  private send(stream: Writable, text: string): Promise<void> {
    if (this.isClosed) return Promise.resolve();
    if (stream.write(text)) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        this.channel.off('close', done);
        stream.off('drain', done);
        resolve();
      };
      stream.once('drain', done);
      this.channel.once('close', done);
    });
  }
}
