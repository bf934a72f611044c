'use strict';
// Example NetPulse plugin (see docs/plugins.md). Plain CommonJS, no build step, no dependencies:
// NetPulse finds it through `plugin.packages` and reads the `netpulsePlugin` export.

/** A driver result in NetPulse 0.4's shape; NetPulse adds `session_reused`. */
function result(command, stdout, host, started) {
  return {
    command,
    stdout,
    stderr: '',
    exit_status: 0,
    download_url: null,
    metadata: { host, duration_seconds: Math.round(Date.now() - started) / 1000 },
    parsed: null,
  };
}

/**
 * A validation error NetPulse answers with 400 `{"detail": "Validation Error", "errors": [...]}`:
 * any error with an `errors` list of FastAPI-style field errors will do.
 */
function validationError(field, msg, input) {
  const err = new Error('Validation Error');
  err.name = 'DriverValidationError';
  err.errors = [{ type: 'value_error', loc: ['body', 'connection_args', field], msg, input }];
  return err;
}

/** One "connection" to an imaginary device: it echoes what it is sent. */
class DummySession {
  constructor(host) {
    this.host = host;
    this.open = true;
  }

  async send(commands) {
    const started = Date.now();
    return commands.map((command) => result(command, `${command}\n`, this.host, started));
  }

  async config(lines) {
    const started = Date.now();
    return lines.map((line) => result(line, `configured: ${line}\n`, this.host, started));
  }

  async probe() {
    return this.open;
  }

  isAlive() {
    return this.open;
  }

  async close() {
    this.open = false;
  }
}

/** Drivers are stateless factories of sessions: nothing per request lives here. */
class DummyDriver {
  constructor() {
    this.name = 'dummy';
    this.defaultStrategy = 'fifo';
  }

  validate(req) {
    const host = req.connection_args.host;
    if (typeof host !== 'string' || host.trim() === '') throw validationError('host', 'Field required', host === undefined ? null : host);
  }

  /** Sessions are reused (pinned queue) only for an equal identity. */
  identity(args) {
    return `dummy:${String(args.host)}`;
  }

  async connect(args) {
    this.validate({ connection_args: args, driver_args: null, extras: {} });
    return new DummySession(args.host);
  }

  async test(args) {
    const session = await this.connect(args);
    await session.close();
    return { driver: this.name, host: args.host, echo: true };
  }
}

/** Places hosts on the nodes with room, one after the other, starting where the last call stopped. */
class RoundRobinScheduler {
  constructor() {
    this.name = 'round_robin';
    this.next = 0;
  }

  select(nodes) {
    const free = nodes.filter((n) => n.count < n.capacity);
    if (free.length === 0) return null;
    const chosen = free[this.next % free.length];
    this.next += 1;
    return chosen;
  }

  selectBatch(nodes, hosts) {
    const live = nodes.map((n) => ({ ...n }));
    return hosts.map(() => {
      const chosen = this.select(live);
      if (!chosen) return null;
      chosen.count += 1;
      return nodes.find((n) => n.hostname === chosen.hostname) || null;
    });
  }
}

exports.netpulsePlugin = {
  name: 'dummy-plugin',
  version: '1.0.0',
  drivers: [DummyDriver],
  schedulers: [RoundRobinScheduler],
};
