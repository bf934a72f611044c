import type { DriverExecutionResult, FieldError, QueueStrategy } from '@netpulse/contracts';
import type { HostKeyStore } from '../transport/host-key.store';

/** What a driver reads from a request (the `/device/exec` body minus the queueing fields). */
export interface DriverRequest {
  connection_args: Record<string, unknown>;
  driver_args: Record<string, unknown> | null;
  /** Top-level extras such as netmiko's `save` and `enable_mode`. */
  extras: Record<string, unknown>;
}

/** Per-job context handed to a session. */
export interface ExecContext {
  jobId: string;
  /** Aborted when the job is stopped or times out: the session interrupts what it runs. */
  signal: AbortSignal;
  /** Largest stdout kept per result (docs/compatibility.md: Output size cap and paged job lists); more is cut and `metadata.truncated` set. */
  maxOutputBytes: number;
  /**
   * Called before each command or configuration line is sent; it aborts `signal` when the job must
   * not touch the device again (its worker lost its lease while stalled). See `mayProceed`.
   */
  checkpoint?: () => void;
}

/** True when the next command or line may be sent: the job's checkpoint passed and it is not interrupted. */
export function mayProceed(ctx: ExecContext): boolean {
  ctx.checkpoint?.();
  return !ctx.signal.aborted;
}

/** One open connection to one device. Owns its transport, prompt and keepalive. */
export interface DriverSession {
  /** The host as the client named it (`connection_args.host`). */
  readonly host: string;
  /** Runs queries: one result per command. */
  send(commands: string[], req: DriverRequest, ctx: ExecContext): Promise<DriverExecutionResult[]>;
  /** Applies configuration lines (one result per line, or one aggregated result, per the driver's contract). */
  config(lines: string[], req: DriverRequest, ctx: ExecContext): Promise<DriverExecutionResult[]>;
  /** Application-level liveness probe (e.g. newline + prompt); false means reconnect. */
  probe(): Promise<boolean>;
  /** True while the transport is up. */
  isAlive(): boolean;
  close(): Promise<void>;
}

/** Per-connect collaborators handed to a driver by the worker (drivers themselves stay stateless). */
export interface DriverConnectOptions {
  /** Remembered SSH host keys (docs/compatibility.md: SSH host keys remembered on first use); drivers without host keys ignore it. */
  hostKeys?: HostKeyStore;
  /** Receives the warning when `host_key_policy: warning` accepts a key it does not know. */
  onHostKeyWarning?: (message: string) => void;
  /**
   * `security.key_root`: the only folder key, certificate and CA files named by a request are read
   * from. Unset: such fields are refused.
   */
  keyRoot?: string | null;
}

/** Thrown by `validate` when connection/driver args are wrong: 400 `{"detail":"Validation Error","errors":[...]}`. */
export class DriverValidationError extends Error {
  constructor(readonly errors: FieldError[]) {
    super('Validation Error');
    this.name = 'DriverValidationError';
  }
}

/**
 * A driver plugin (the original's driver interface in TypeScript idiom): a stateless factory of sessions. Register it in
 * the driver registry; nothing else names drivers.
 */
export interface DeviceDriver {
  readonly name: string;
  /** Queue used when the request has no `queue_strategy`. */
  readonly defaultStrategy: QueueStrategy;
  /** Checks connection_args and driver_args in the controller; throws DriverValidationError. */
  validate(req: DriverRequest): void;
  /**
   * True when `validate`'s outcome (and the errors it throws) is the same for any string
   * `connection_args.host` and any integer `port` from 1 to 65535: a bulk request then validates each
   * distinct set of its devices' other args once. Absent (a plugin that did not say): every device is validated.
   */
  readonly validationIgnoresAddress?: boolean;
  /**
   * The full connection identity (docs/compatibility.md: Session reuse compares the full identity): host, port, username, a digest of the credentials and the
   * args that shape the session. A pinned session is reused only for an equal identity.
   */
  identity(args: Record<string, unknown>): string;
  connect(args: Record<string, unknown>, signal?: AbortSignal, options?: DriverConnectOptions): Promise<DriverSession>;
  /** `/device/test`: connects for real and reports driver extras. */
  test(args: Record<string, unknown>, options?: DriverConnectOptions): Promise<Record<string, unknown>>;
}
