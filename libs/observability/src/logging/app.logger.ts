import type { LoggerService } from '@nestjs/common';
import { MASK, maskSecrets } from '@netpulse/contracts';
import pino, { Logger } from 'pino';
import { LogLevel, PinoLevel, toPinoLevel } from './log-level';
import { loggable } from './loggable';
import { redactPaths } from './redact.paths';
import { currentRequestId } from './request.context';

const NEST_BOOT_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication']);
import { redactText } from './secret-values';

type Fields = Record<string, unknown>;

/** Where finished lines go; while `corked`, they wait in `lines` (see `AppLogger.batched`). */
interface LineSink {
  corked: number;
  lines: string[];
  write(text: string): void;
}

/**
 * One JSON line per event (pino), secrets redacted three ways: by key at any depth (`maskSecrets`), by
 * key again at pino's level (`redact` paths), and by value (`registerSecretValue`) on the finished
 * line. Implements Nest's LoggerService so framework messages come out the same way. Lines written
 * inside a request (or `runWithRequestId`) carry `request_id`.
 */
export class AppLogger implements LoggerService {
  // Not readonly: `child()` shares the pino instance instead of building one (compiling the redact
  // paths costs milliseconds, too much per request).
  private pino!: Logger<never, boolean>;
  private bindings: Fields = {};
  // Shared with children (they write through the same pino instance).
  private sink!: LineSink;

  /**
   * @param app   process role, written as `app` on every line (`controller`, `fifo-worker`, ...)
   * @param level `log.level`: trace, debug, info, warning (warn), error, critical (fatal); any case. Default info.
   * @param write where finished lines go (each ends with `\n`). Default: stdout, synchronously, so a
   *              line written just before `process.exit()` is not lost.
   */
  constructor(
    readonly app: string,
    level: string = 'info',
    write?: (line: string) => void,
  ) {
    const destination = write ? { write } : pino.destination({ dest: 1, sync: true });
    const sink: LineSink = { corked: 0, lines: [], write: (text) => destination.write(text) };
    this.sink = sink;
    this.pino = pino(
      {
        level: toPinoLevel(level),
        base: { app, pid: process.pid },
        messageKey: 'msg',
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
        redact: { paths: redactPaths(), censor: MASK },
        // `loggable` already shaped errors; pino's default `err` serializer would retype them `Object`.
        serializers: { err: (e: unknown) => e },
        // The logged fields win over this on a clash, so an explicit `request_id` is kept.
        mixin: () => {
          const id = currentRequestId();
          return id === undefined ? {} : { request_id: id };
        },
      },
      {
        write: (line: string) => {
          const text = redactText(line);
          if (sink.corked > 0) sink.lines.push(text);
          else sink.write(text);
        },
      },
    );
  }

  /** The pino level in force (`info`, `warn`, ...). */
  get level(): PinoLevel {
    return toPinoLevel(this.pino.level);
  }

  isLevelEnabled(level: LogLevel): boolean {
    return this.pino.isLevelEnabled(toPinoLevel(level));
  }

  /** A logger writing the same way with `bindings` added to every line (secrets in them masked). */
  child(bindings: Fields): AppLogger {
    const c = Object.create(AppLogger.prototype) as AppLogger;
    Object.assign(c, { app: this.app, pino: this.pino, sink: this.sink, bindings: { ...this.bindings, ...(maskSecrets(loggable(bindings)) as Fields) } });
    return c;
  }

  /** A child whose lines carry `request_id` (for work done outside the request's async context). */
  withRequestId(requestId: string): AppLogger {
    return this.child({ request_id: requestId });
  }

  /**
   * Runs `fn` (synchronous) with the lines it logs written together at its end, in one write instead
   * of one each: a bulk request logs two lines per device. Nothing is held past `fn`, even when it throws.
   */
  batched<T>(fn: () => T): T {
    const sink = this.sink;
    sink.corked++;
    try {
      return fn();
    } finally {
      if (--sink.corked === 0 && sink.lines.length > 0) {
        const text = sink.lines.join('');
        sink.lines = [];
        sink.write(text);
      }
    }
  }

  log(message: unknown, ...rest: unknown[]): void {
    // Nest's start-up chatter (module and route wiring) is detail, not news: keep it at debug.
    const context = rest.length > 0 ? rest[rest.length - 1] : undefined;
    this.emit(typeof context === 'string' && NEST_BOOT_CONTEXTS.has(context) ? 'debug' : 'info', message, rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    this.emit('error', message, rest);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.emit('warn', message, rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.emit('debug', message, rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.emit('trace', message, rest);
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    this.emit('fatal', message, rest);
  }

  /** A structured event: `logger.event('info', 'job finished', { job_id })`. */
  event(level: LogLevel, msg: string, fields: Fields = {}): void {
    const l = toPinoLevel(level);
    if (!this.pino.isLevelEnabled(l)) return;
    this.pino[l]({ ...this.bindings, ...(maskSecrets(loggable(fields)) as Fields) }, msg);
  }

  private emit(level: PinoLevel, message: unknown, rest: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    // Nest passes the context (class name) last, and for errors the stack before it.
    const context = rest.length > 0 && typeof rest[rest.length - 1] === 'string' ? (rest[rest.length - 1] as string) : undefined;
    const fields: Fields = {};
    if (context) fields.context = context;
    if (message instanceof Error) {
      fields.err = message;
      this.event(level, message.message, fields);
      return;
    }
    if (typeof message === 'object' && message !== null) {
      this.event(level, 'event', { ...fields, ...(message as Fields) });
      return;
    }
    const stack = rest.find((r) => typeof r === 'string' && r.includes('\n    at '));
    if (stack && level === 'error') fields.stack = stack;
    this.event(level, String(message), fields);
  }
}
