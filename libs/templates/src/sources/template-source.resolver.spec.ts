import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CidrList, GuardedHttpClient } from '@netpulse/net-policy';
import { TemplateSourceError } from './template-source.error';
import { TemplateSourceResolver, resolveTemplateSource } from './template-source.resolver';

describe('TemplateSourceResolver', () => {
  let dir: string;
  let root: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'np-tpl-'));
    root = join(dir, 'root');
    mkdirSync(join(root, 'sub'), { recursive: true });
    writeFileSync(join(root, 'vlan.j2'), 'vlan {{ id }}\n');
    writeFileSync(join(root, 'sub', 'intf.j2'), 'interface {{ n }}\n');
    writeFileSync(join(dir, 'secret.txt'), 'outside the root');
    writeFileSync(join(root, 'big.j2'), 'x'.repeat(2048));
    symlinkSync(join(dir, 'secret.txt'), join(root, 'escape.j2'));
    symlinkSync(join(root, 'vlan.j2'), join(root, 'alias.j2'));
  });

  afterAll(() => rmSync(dir, { force: true, recursive: true }));

  const sut = (over: Partial<ConstructorParameters<typeof TemplateSourceResolver>[0]> = {}): TemplateSourceResolver =>
    new TemplateSourceResolver({ allowedTargets: ['127.0.0.0/8'], fileRoot: root, maxBytes: 1024, ...over });

  it('returns anything that is not a URL as the template itself', async () => {
    await expect(sut().resolve('vlan {{ id }}')).resolves.toBe('vlan {{ id }}');
    await expect(sut().resolve('')).resolves.toBe('');
    await expect(resolveTemplateSource('httpx://not-a-scheme', { allowedTargets: [] })).resolves.toBe('httpx://not-a-scheme');
  });

  it('reads file:// templates inside templates.file_root, absolute or relative, through links that stay inside', async () => {
    await expect(sut().resolve(`file://${join(root, 'vlan.j2')}`)).resolves.toBe('vlan {{ id }}\n');
    await expect(sut().resolve('file://sub/intf.j2')).resolves.toBe('interface {{ n }}\n');
    await expect(sut().resolve('FILE://alias.j2')).resolves.toBe('vlan {{ id }}\n');
  });

  it('refuses a path that walks out of the root, as written or through a link', async () => {
    await expect(sut().resolve('file://../secret.txt')).rejects.toThrow('Template file ../secret.txt is outside templates.file_root');
    await expect(sut().resolve(`file://${join(dir, 'secret.txt')}`)).rejects.toThrow('is outside templates.file_root');
    await expect(sut().resolve('file:///etc/passwd')).rejects.toThrow('is outside templates.file_root');
    await expect(sut().resolve('file://sub/../../secret.txt')).rejects.toThrow('is outside templates.file_root');
    await expect(sut().resolve('file://escape.j2')).rejects.toThrow('resolves (through a link) outside templates.file_root');
  });

  it('refuses the root itself, folders, missing files and files over the size cap', async () => {
    await expect(sut().resolve(`file://${root}`)).rejects.toThrow('is outside templates.file_root');
    await expect(sut().resolve('file://sub')).rejects.toThrow('is not a regular file');
    await expect(sut().resolve('file://none.j2')).rejects.toThrow('Template file none.j2 not found');
    await expect(sut().resolve('file://big.j2')).rejects.toThrow('is larger than 1024 bytes');
  });

  it('refuses file:// when templates.file_root is not set', async () => {
    await expect(sut({ fileRoot: null }).resolve('file://vlan.j2')).rejects.toThrow('file:// templates are disabled: templates.file_root is not set');
  });

  it('answers ftp:// with a clear "not supported"', async () => {
    await expect(sut().resolve('ftp://127.0.0.1/t.j2')).rejects.toThrow('ftp:// template sources are not supported by this server');
  });

  it('refuses a host that resolves outside the allowlist, checking every address it has', async () => {
    const lookup = jest.fn(async (host: string) =>
      host === 'mixed.test' ? [{ address: '127.0.0.1', family: 4 }, { address: '::1', family: 6 }] : [{ address: '127.0.0.2', family: 4 }],
    );
    const http = new GuardedHttpClient(CidrList.parse(['127.0.0.0/8']), lookup);
    const err = await sut({ http }).resolve('http://mixed.test:9/t.j2?token=s3cret').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TemplateSourceError);
    expect(err).toMatchObject({ reason: 'refused', status: 400 });
    expect((err as Error).message).toBe('Template URL http://mixed.test:9/t.j2 refused: Target mixed.test (resolves to ::1) is outside security.allowed_targets [127.0.0.0/8]');
    expect(lookup).toHaveBeenCalledWith('mixed.test');
  });

  it('rejects bad options by name', () => {
    expect(() => sut({ timeoutMs: 0 })).toThrow('timeoutMs must be a finite number greater than 0');
    expect(() => sut({ allowedTargets: ['nope'] })).toThrow('templates.allowed_targets[0]');
  });
});
