import type { ExecInput } from '../transport/ssh.connection';
import { SudoExchange } from './sudo.exchange';

class RecordingInput implements ExecInput {
  readonly written: string[] = [];
  ended = false;
  write(data: string | Buffer): void {
    this.written.push(data.toString());
  }
  end(): void {
    this.ended = true;
  }
}

describe('SudoExchange', () => {
  const token = 'abc123';
  const prompt = `NP_SUDO_${token}:`;
  const ready = `NP_READY_${token}`;

  it('wraps the line so that sudo prompts with the marker and the command announces its start', () => {
    const sut = new SudoExchange('pw12', false, () => undefined, token);
    expect(sut.wrap("echo 'x' > f")).toBe(`sudo -S -p '${prompt}' bash -c 'printf %s ${ready} >&2; echo '\\''x'\\'' > f'`);
  });

  it('writes the password only when asked, then hands stdin to the command', () => {
    const input = new RecordingInput();
    const sut = new SudoExchange('secret-pw', false, (i) => i.write('script'), token);
    sut.observe('stderr', Buffer.from('NP_SUDO_ab'), input);
    expect(input.written).toEqual([]);
    sut.observe('stderr', Buffer.from(`c123:`), input);
    expect(input.written).toEqual(['secret-pw\n']);
    sut.observe('stderr', Buffer.from(`\n${ready}oops`), input);
    expect(input.written).toEqual(['secret-pw\n', 'script']);
    expect(sut.authenticated).toBe(true);
    expect(sut.clean(Buffer.from(`${prompt}\n${ready}oops`), 'stderr').toString()).toBe('oops');
  });

  it('gives up on a second prompt and cuts the terminal echo under a PTY', () => {
    const input = new RecordingInput();
    const sut = new SudoExchange('secret-pw', true, () => undefined, token);
    sut.observe('stdout', Buffer.from(`${prompt}`), input);
    sut.observe('stdout', Buffer.from(`secret-pw\r\nSorry, try again.\r\n${prompt}`), input);
    expect(input.written).toEqual(['secret-pw\n', '\x03']);
    expect(input.ended).toBe(true);
    expect(sut.clean(Buffer.from(`${prompt}secret-pw\r\nSorry, try again.\r\n${prompt}`), 'stdout').toString()).toBe('******\r\nSorry, try again.\r\n');
  });

  it('does not answer when sudo does not ask, and ends stdin for a password-less run', () => {
    const input = new RecordingInput();
    const sut = new SudoExchange(null, false, (i) => i.end(), token);
    sut.observe('stderr', Buffer.from(ready), input);
    expect(input.written).toEqual([]);
    expect(input.ended).toBe(true);
  });
});
