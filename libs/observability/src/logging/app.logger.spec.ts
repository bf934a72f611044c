import { AppLogger, registerSecretValue } from './app.logger';

describe('AppLogger', () => {
  it('writes JSON lines with secrets redacted by key and by value', () => {
    const lines: string[] = [];
    const sut = new AppLogger('test', 'info', (l) => lines.push(l));
    registerSecretValue('s3cr3t-value');
    sut.event('info', 'connecting with s3cr3t-value', { connection_args: { host: '127.0.0.1', password: 'p4ss' } });
    sut.debug('not shown at info');
    expect(lines).toHaveLength(1);
    const rec = JSON.parse(lines[0]) as Record<string, unknown>;
    expect(rec).toMatchObject({ level: 'info', app: 'test', msg: 'connecting with ******', connection_args: { host: '127.0.0.1', password: '******' } });
    expect(lines[0]).not.toContain('p4ss');
  });
});
