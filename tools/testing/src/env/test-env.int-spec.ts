import { Client } from 'ssh2';
import { readTestEnv } from './test-env';

describe('test environment', () => {
  it('serves a private sshd that accepts the test user by password', async () => {
    const env = readTestEnv();
    const out = await new Promise<string>((resolve, reject) => {
      const c = new Client();
      c.on('ready', () => {
        c.exec('echo ok', (err, ch) => {
          if (err) return reject(err);
          let s = '';
          ch.on('data', (d: Buffer) => (s += d.toString()));
          ch.on('close', () => {
            c.end();
            resolve(s);
          });
        });
      });
      c.on('error', reject);
      c.connect({ host: env.sshHost, port: env.sshPort, username: env.sshUser, password: env.sshPassword });
    });
    expect(out).toBe('ok\n');
    expect(env.namespace).toMatch(/^nptest-/);
  });
});
