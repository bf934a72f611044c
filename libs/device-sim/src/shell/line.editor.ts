/** What one typed character did. */
export interface EditorEvent {
  /** Text to echo back to the client. */
  readonly echo: string;
  /** Set when the character ended a line (Enter). */
  readonly line?: string;
  /** Ctrl-C (`interrupt`) or Ctrl-Z (`suspend`, "end" in config mode). */
  readonly signal?: 'interrupt' | 'suspend';
}

const NONE: EditorEvent = { echo: '' };

/**
 * The line discipline of a device CLI: echoes typed characters (clients such as netmiko read the
 * echo back before the output), handles backspace, Ctrl-U, Ctrl-C and Ctrl-Z, drops arrow-key
 * escape sequences, and treats `\r`, `\n` and `\r\n` each as one Enter.
 */
export class LineEditor {
  /** Off while a secret is typed (`Password:`): only the final newline is echoed. */
  echo = true;
  private buffer = '';
  private escape = false;
  private lastWasCr = false;

  feed(ch: string): EditorEvent {
    const afterCr = this.lastWasCr;
    this.lastWasCr = ch === '\r';
    if (this.escape) {
      // CSI sequences end with a letter or `~`; everything up to it is swallowed.
      if (/[A-Za-z~]/.test(ch)) this.escape = false;
      return NONE;
    }
    switch (ch) {
      case '\r':
        return this.enter();
      case '\n':
        return afterCr ? NONE : this.enter();
      case '\x7f':
      case '\b':
        if (this.buffer.length === 0) return NONE;
        this.buffer = this.buffer.slice(0, -1);
        return { echo: this.echo ? '\b \b' : '' };
      case '\x15':
        return this.clearLine();
      case '\x03':
        this.buffer = '';
        return { echo: '^C\r\n', signal: 'interrupt' };
      case '\x1a':
        this.buffer = '';
        return { echo: '^Z\r\n', signal: 'suspend' };
      case '\x1b':
        this.escape = true;
        return NONE;
      default:
        // Other control characters (Tab, NUL keepalives, Ctrl-A...) are ignored, as on most CLIs.
        if (ch < ' ') return NONE;
        this.buffer += ch;
        return { echo: this.echo ? ch : '' };
    }
  }

  private enter(): EditorEvent {
    const line = this.buffer;
    this.buffer = '';
    return { echo: '\r\n', line };
  }

  private clearLine(): EditorEvent {
    const n = this.buffer.length;
    this.buffer = '';
    return { echo: this.echo ? '\b \b'.repeat(n) : '' };
  }
}
