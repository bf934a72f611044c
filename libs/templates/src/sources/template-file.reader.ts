import { realpath, stat, readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { TemplateSourceError } from './template-source.error';

/**
 * Reads `file://` templates, only from inside one folder. The path is checked twice: as written (no
 * `..` walk out), then after symlinks are resolved (no link pointing out), so a template request can
 * never read `/etc/shadow` or the server's config.
 */
export class TemplateFileReader {
  constructor(
    private readonly root: string | null,
    private readonly maxBytes: number,
  ) {}

  /**
   * @param path what follows `file://`, as the original reads it: absolute (`/srv/t/a.j2`, which must lie
   *   inside the root) or relative to the root (`a.j2`). Not percent-decoded, as in the original.
   */
  async read(path: string): Promise<string> {
    if (!this.root) {
      throw new TemplateSourceError('file', 'file:// templates are disabled: templates.file_root is not set');
    }
    if (path === '' || path.includes('\0')) throw new TemplateSourceError('file', 'file:// needs a file path');
    const root = resolve(this.root);
    let realRoot: string;
    try {
      realRoot = await realpath(root);
    } catch {
      throw new TemplateSourceError('file', 'templates.file_root does not exist on this server');
    }
    const candidate = resolve(root, path);
    if (!within(root, candidate) && !within(realRoot, candidate)) {
      throw new TemplateSourceError('file', `Template file ${path} is outside templates.file_root`);
    }
    let real: string;
    try {
      real = await realpath(candidate);
    } catch {
      throw new TemplateSourceError('file', `Template file ${path} not found`);
    }
    if (!within(realRoot, real)) {
      throw new TemplateSourceError('file', `Template file ${path} resolves (through a link) outside templates.file_root`);
    }
    const info = await stat(real);
    if (!info.isFile()) throw new TemplateSourceError('file', `Template file ${path} is not a regular file`);
    if (info.size > this.maxBytes) throw new TemplateSourceError('too_large', `Template file ${path} is larger than ${this.maxBytes} bytes`);
    return readFile(real, 'utf8');
  }
}

function within(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}
