import { FileTransferDto, validateDto } from '@netpulse/contracts';
import { DriverValidationError } from '../core/device-driver';

/** `file_transfer` of a request, validated, defaults applied. */
export type FileTransferSpec = Readonly<
  Pick<
    FileTransferDto,
    | 'operation'
    | 'remote_path'
    | 'overwrite'
    | 'resume'
    | 'recursive'
    | 'sync_mode'
    | 'hash_algorithm'
    | 'verify_file'
    | 'chunk_size'
    | 'execute_after_upload'
    | 'cleanup_after_exec'
  > & { local_path: string | null; chmod: number | null; execute_command: string | null }
>;

/** Where local files come from and go to; the caller (worker) owns the staging area. */
export interface TransferPaths {
  /** The multipart-staged upload (absolute); it overrides `local_path`. */
  stagedFile?: string | null;
  /** Absolute directory for downloads whose `local_path` is not absolute (`<staging>/downloads/dl_<job_id>`). */
  downloadDir?: string | null;
  /**
   * When set, every local path (the request's `local_path` included) must resolve inside one of
   * these directories; the worker passes its staging root so a request cannot read or write
   * arbitrary files of the worker host.
   */
  localRoots?: readonly string[] | null;
}

/** Validates a raw `file_transfer` object; throws DriverValidationError naming each bad field. */
export function parseFileTransfer(raw: unknown): FileTransferSpec {
  const r = validateDto(FileTransferDto, raw, ['body', 'file_transfer']);
  if (r.value === null) throw new DriverValidationError(r.errors);
  const v = r.value;
  const bad = (field: string, msg: string, input: unknown): DriverValidationError =>
    new DriverValidationError([{ type: 'value_error', loc: ['body', 'file_transfer', field], msg: `Value error, ${msg}`, input }]);
  if (v.hash_algorithm.toLowerCase() !== 'md5') throw bad('hash_algorithm', "only 'md5' is supported", v.hash_algorithm);
  let chmod: number | null = null;
  if (v.chmod !== null && v.chmod !== undefined) {
    if (!/^0?[0-7]{3,4}$/.test(v.chmod)) throw bad('chmod', "chmod must be an octal mode such as '0755'", v.chmod);
    chmod = Number.parseInt(v.chmod, 8) & 0o7777;
  }
  if (v.execute_after_upload && !v.execute_command) throw bad('execute_command', 'execute_after_upload needs execute_command', null);
  return { ...v, local_path: v.local_path ?? null, chmod, execute_command: v.execute_command ?? null };
}
