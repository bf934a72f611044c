import { join, resolve } from 'node:path';
import { NtcTemplateDirLocator } from './ntc-template-dir.locator';

describe('NtcTemplateDirLocator', () => {
  const repoRoot = resolve(__dirname, '../../../..');
  const bundled = join(repoRoot, 'libs', 'templates', 'ntc-templates');

  it('finds the bundled templates from the sources', () => {
    expect(NtcTemplateDirLocator.bundled()).toBe(bundled);
  });

  it('finds them from the compiled lib under dist/ as well', () => {
    expect(NtcTemplateDirLocator.bundled(join(repoRoot, 'dist', 'libs', 'templates', 'src', 'ntc'))).toBe(bundled);
  });

  it('says where it looked when there are none', () => {
    expect(() => NtcTemplateDirLocator.bundled('/')).toThrow('ntc-templates not found: no libs/templates/ntc-templates/index above /');
  });
});
