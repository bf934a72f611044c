import { maskAuditLines, secretValuesOf } from './audit-lines.masker';

describe('audit line masking', () => {
  it('finds secret values at any depth, numbers too', () => {
    const req = { connection_args: { host: 'h', password: 'Pa55word', secret: 42424242 }, driver_args: { sudo_password: 'sudo-pw' }, webhook: { headers: { authorization: 'Bearer tok' } } };
    expect([...secretValuesOf(req)].sort()).toEqual(['42424242', 'Bearer tok', 'Pa55word', 'sudo-pw']);
  });

  it('replaces secret values wherever they appear and the argument of secret config keywords', () => {
    const lines = maskAuditLines(
      ['echo Pa55word > /tmp/x', 'enable secret 5 $1$abc$def', 'snmp-server community hush-hush RO', 'username admin password 0 plain', 'key-string K3y', 'show version'],
      new Set(['Pa55word']),
    );
    expect(lines).toEqual(['echo ****** > /tmp/x', 'enable secret 5 ******', 'snmp-server community ****** RO', 'username admin password 0 ******', 'key-string ******', 'show version']);
  });
});
