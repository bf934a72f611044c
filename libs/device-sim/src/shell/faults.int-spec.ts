import { BigOutputSource, startDevice } from '../index';
import { eventually } from '../../test/memory.terminal';
import { SshTestClient } from '../../test/ssh-test.client';

// Addresses 127.0.22.x belong to this file. No timing assertions: only that each knob does its thing.
describe('fault and scale knobs over SSH', () => {
  it('delivers a 10 MB output intact', async () => {
    const sut = await startDevice({ host: '127.0.22.1', hostname: 'BIG', port: 0, secret: '' });
    try {
      const cli = await SshTestClient.shell({ host: sut.host, port: sut.port });
      await cli.readUntil('BIG>');
      await cli.command('terminal length 0', 'BIG>');
      const size = 10 * 1024 * 1024;
      const out = await cli.command(`show bigoutput ${size}`, '\r\nBIG>', 20000);
      const body = out.slice('show bigoutput 10485760\r\n'.length, -'BIG>'.length);
      expect(body.length).toBe(size);
      expect(body === BigOutputSource.text(size)).toBe(true);
      cli.end();
    } finally {
      await sut.stop();
    }
  });

  it('drops an idle session after idleTimeoutSec', async () => {
    const sut = await startDevice({ host: '127.0.22.2', hostname: 'IDLE', idleTimeoutSec: 0.2, port: 0 });
    try {
      const cli = await SshTestClient.shell({ host: sut.host, port: sut.port });
      await cli.readUntil('IDLE>');
      expect(await cli.closesWithin(5000)).toBe(true);
    } finally {
      await sut.stop();
    }
  });

  it('hangs on hangOnCommand: echo, then nothing', async () => {
    const sut = await startDevice({ hangOnCommand: 'show tech-support', host: '127.0.22.3', hostname: 'HANG', port: 0 });
    try {
      const cli = await SshTestClient.shell({ host: sut.host, port: sut.port });
      await cli.readUntil('HANG>');
      await cli.command('show tech-support', 'show tech-support\r\n');
      cli.write('\x03\n');
      await expect(cli.readUntil('HANG>', 300)).rejects.toThrow('timed out');
      expect(sut.counters.commands).toEqual(['show tech-support']);
      cli.end();
    } finally {
      await sut.stop();
    }
  });

  it('kills the connection mid-command on dropOnCommand', async () => {
    const sut = await startDevice({ dropOnCommand: /^show run/, host: '127.0.22.4', hostname: 'DROP', port: 0 });
    try {
      const cli = await SshTestClient.shell({ host: sut.host, port: sut.port });
      await cli.readUntil('DROP>');
      cli.write('show running-config\n');
      expect(await cli.closesWithin(3000)).toBe(true);
      expect(cli.buffer).not.toContain('DROP>');
      await eventually(() => sut.counters.sessionsOpen === 0);
    } finally {
      await sut.stop();
    }
  });

  it('floods on floodOnCommand until Ctrl-C', async () => {
    const sut = await startDevice({ floodOnCommand: 'debug all', host: '127.0.22.5', hostname: 'FLOOD', port: 0 });
    try {
      const cli = await SshTestClient.shell({ host: sut.host, port: sut.port });
      await cli.readUntil('FLOOD>');
      await cli.command('debug all', '%SIM-7-FLOOD: debug message 5000 ');
      cli.write('\x03');
      await cli.readUntil(/FLOOD>$/);
      expect(await cli.command('show privilege', 'FLOOD>')).toContain('level is 1');
      cli.end();
    } finally {
      await sut.stop();
    }
  });

  it('applies latencyMs to commands, and Ctrl-C cancels the wait', async () => {
    const sut = await startDevice({ host: '127.0.22.6', hostname: 'SLOW', latencyMs: 100, port: 0 });
    try {
      const cli = await SshTestClient.shell({ host: sut.host, port: sut.port });
      await cli.readUntil('SLOW>');
      expect(await cli.command('show privilege', 'SLOW>')).toContain('level is 1');
      const exec = await SshTestClient.exec({ host: sut.host, port: sut.port }, 'show privilege');
      expect(exec.stdout).toContain('level is 15');
      cli.end();
    } finally {
      await sut.stop();
    }
  });

  it('never sends a prompt with noPrompt, and still answers', async () => {
    const sut = await startDevice({ host: '127.0.22.7', hostname: 'QUIET', loginDelayMs: 20, noPrompt: true, port: 0 });
    try {
      const cli = await SshTestClient.shell({ host: sut.host, port: sut.port });
      expect(await cli.command('show privilege', 'level is 1\r\n')).not.toContain('QUIET>');
      await expect(cli.readUntil('QUIET>', 200)).rejects.toThrow('timed out');
      cli.end();
    } finally {
      await sut.stop();
    }
  });
});
