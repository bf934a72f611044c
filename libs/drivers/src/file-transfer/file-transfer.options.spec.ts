import { DriverValidationError } from '../core/device-driver';
import { parseFileTransfer } from './file-transfer.options';

describe('parseFileTransfer', () => {
  it('applies the contract defaults', () => {
    expect(parseFileTransfer({ operation: 'upload', remote_path: '/tmp/x' })).toEqual(
      expect.objectContaining({ overwrite: true, resume: false, recursive: false, sync_mode: 'full', verify_file: true, chunk_size: 32768, chmod: null, cleanup_after_exec: true, local_path: null }),
    );
  });

  it('parses chmod as octal and rejects bad values by field', () => {
    expect(parseFileTransfer({ operation: 'upload', remote_path: '/x', chmod: '0755' }).chmod).toBe(0o755);
    expect(parseFileTransfer({ operation: 'upload', remote_path: '/x', chmod: '640' }).chmod).toBe(0o640);
    const fieldOf = (raw: unknown): unknown => {
      try {
        parseFileTransfer(raw);
      } catch (e) {
        return (e as DriverValidationError).errors[0].loc;
      }
      return null;
    };
    expect(fieldOf({ operation: 'upload', remote_path: '/x', chmod: 'rwx' })).toEqual(['body', 'file_transfer', 'chmod']);
    expect(fieldOf({ operation: 'move', remote_path: '/x' })).toEqual(['body', 'file_transfer', 'operation']);
    expect(fieldOf({ operation: 'upload', remote_path: '/x', hash_algorithm: 'sha1' })).toEqual(['body', 'file_transfer', 'hash_algorithm']);
    expect(fieldOf({ operation: 'upload', remote_path: '/x', execute_after_upload: true })).toEqual(['body', 'file_transfer', 'execute_command']);
  });
});
