import { join } from 'node:path';
import { NtcTemplateNotFoundError } from './ntc-template-not-found.error';
import { parseWithNtcIndex } from './parse-with-ntc-index';

const fixtureDir = join(__dirname, 'fixtures');

describe('parseWithNtcIndex', () => {
  const clock = '*18:57:38.347 UTC Mon Oct 19 2015\n';
  const clockRecord = { DAY: '19', DAYWEEK: 'Mon', MONTH: 'Oct', TIME: '18:57:38.347', TIMEZONE: 'UTC', YEAR: '2015' };

  it('parses with the bundled template the index picks, keys as written in the template', () => {
    expect(parseWithNtcIndex({ command: 'show clock', platform: 'cisco_ios' }, clock)).toEqual([clockRecord]);
  });

  it('accepts the command abbreviations the index allows', () => {
    expect(parseWithNtcIndex({ command: 'sh clo', platform: 'cisco_ios' }, clock)).toEqual([clockRecord]);
  });

  it('lower-cases keys on request, as ntc_templates.parse_output does', () => {
    expect(parseWithNtcIndex({ command: 'show clock', platform: 'cisco_ios' }, clock, { lowerCaseKeys: true })).toEqual([
      { day: '19', dayweek: 'Mon', month: 'Oct', time: '18:57:38.347', timezone: 'UTC', year: '2015' },
    ]);
  });

  it('merges the templates of a row that names several, on their Key values', () => {
    const text = 'status p1 up\nstatus p2 down\nspeed p2 10G\nspeed p1 1G\n';

    expect(parseWithNtcIndex({ command: 'sh ports', platform: 'test_os' }, text, { templateDir: fixtureDir })).toEqual([
      { PORT: 'p1', SPEED: '1G', STATUS: 'up' },
      { PORT: 'p2', SPEED: '10G', STATUS: 'down' },
    ]);
  });

  it('names the platform and command when no template matches', () => {
    expect(() => parseWithNtcIndex({ command: 'show nothing', platform: 'cisco_ios' }, '')).toThrow(NtcTemplateNotFoundError);
    expect(() => parseWithNtcIndex({ command: 'show clock', platform: 'no_such_os' }, '')).toThrow(
      "No template found for platform 'no_such_os' and command 'show clock'",
    );
  });

  it('rejects missing arguments by name', () => {
    expect(() => parseWithNtcIndex({ command: 'show clock', platform: '' }, '')).toThrow('ntc_template_args.platform must be a non-empty string');
  });
});
