import { ORIGINAL_CONFIG_ERROR } from './cli-platform';
import { cliPlatform } from './cli-platform.registry';

/** What each platform prints when it refuses a config line, as the real devices word it. */
const REFUSALS: Record<string, readonly string[]> = {
  cisco_ios: [
    "                 ^\n% Invalid input detected at '^' marker.",
    '% Incomplete command.',
    '% Ambiguous command:  "int"',
    '% Unknown command: no-such-command 1', // FRRouting vtysh
    '% Command incomplete: ip route', // FRRouting vtysh
    '% Configuration failed.\n\nError type: validation',
    "ERROR: % Invalid input detected at '^' marker.", // ASA
  ],
  cisco_nxos: [
    "                        ^\n% Invalid command at '^' marker.",
    "% Invalid parameter detected at '^' marker.",
    '% Incomplete command',
    'ERROR: Invalid vlan range',
    'Syntax error while parsing \'vlan 5000\'',
  ],
  cisco_xr: [
    "               ^\n% Invalid input detected at '^' marker.",
    '% Incomplete command.',
    "% Failed to commit one or more configuration items during a pseudo-atomic operation. All changes made have been reverted. Please issue 'show configuration failed [inheritance]' from this session to view the errors",
    '!!% Invalid argument: vlan range',
  ],
  arista_eos: ['% Invalid input', '% Incomplete command', '% Ambiguous command', '% Unavailable command (not supported on this hardware platform)', '% Error while saving'],
  generic: ["% Invalid input detected at '^' marker.", '% Unknown command: frobnicate'],
  juniper_junos: [
    '                       ^\nsyntax error.',
    '        ^\nsyntax error, expecting <command>.',
    '^\nunknown command.',
    'error: command is not complete',
    "         ^\n'de' is ambiguous.",
    'error: configuration check-out failed',
    'missing argument.',
  ],
  huawei: [
    "              ^\nError: Unrecognized command found at '^' position.",
    "Error: Wrong parameter found at '^' position.",
    "Error: Incomplete command found at '^' position.",
    "Error: Too many parameters found at '^' position.",
  ],
  hp_comware: [
    "              ^\n % Unrecognized command found at '^' position.",
    "% Incomplete command found at '^' position.",
    "% Wrong parameter found at '^' position.",
    "% Ambiguous command found at '^' position.",
    "% Too many parameters found at '^' position.",
  ],
  nokia_sros: [
    '                ^\nError: Bad command.',
    'Error: Missing parameter.',
    'MINOR: CLI Invalid IP prefix "10.0.0.1/33".',
    'MAJOR: CLI Configuration change not allowed while the node is synchronizing.',
    'CRITICAL: CLI Hardware failure on card 1.',
    'MINOR: MGMT_CORE #2201: Unknown element - \'frobnicate\'', // MD-CLI
  ],
  linux: ['bash: frobnicate: command not found', "cat: /nope: No such file or directory", 'bash: /etc/shadow: Permission denied'],
};

/** What each platform prints while accepting config lines: none of it is a refusal. */
const ACCEPTED: Record<string, readonly string[]> = {
  cisco_ios: ['', 'Enter configuration commands, one per line.  End with CNTL/Z.', 'Building configuration...\n[OK]', '% Warning: use /31 mask on non point-to-point interface cautiously'],
  cisco_nxos: ['', 'Enter configuration commands, one per line. End with CNTL/Z.', '[########################################] 100%\nCopy complete, now saving to disk (please wait)...\nCopy complete.'],
  cisco_xr: ['', 'Building configuration...', 'Fri Dec  4 20:30:00.123 UTC'],
  arista_eos: ['', 'Copy completed successfully.', '! Interface Ethernet1 is not a switchport'],
  generic: ['', 'Enter configuration commands, one per line.  End with CNTL/Z.'],
  juniper_junos: ['', 'commit complete', 'Entering configuration mode', 'warning: statement not found', 'configuration check succeeds'],
  huawei: ['', 'Info: The configuration takes effect on the next login.', 'Enter system view, return user view with Ctrl+Z.', 'Warning: The current configuration will be written to the device. Continue? [Y/N]:y\nInfo: Save the configuration successfully.'],
  hp_comware: ['', 'System View: return to User View with Ctrl+Z.', 'The current configuration will be written to the device. Are you sure? [Y/N]:\nConfiguration is saved to device successfully.'],
  nokia_sros: ['', 'Writing configuration to cf3:\\config.cfg\nSaving configuration ... OK\nCompleted.', 'INFO: CLI Configuration saved.', 'minor: a description mentioning minor: things'],
  linux: ['', 'ok', 'uid=0(root) gid=0(root) groups=0(root)'],
};

describe('config error patterns: each platform flags its own wording, and only that', () => {
  describe.each(Object.keys(REFUSALS))('%s', (deviceType) => {
    const pattern = cliPlatform(deviceType)?.errorPattern as RegExp;

    it.each(REFUSALS[deviceType])('flags %j', (text) => {
      expect(pattern.test(text)).toBe(true);
    });

    it.each(ACCEPTED[deviceType])('does not flag %j', (text) => {
      expect(pattern.test(text)).toBe(false);
    });
  });

  it('every Cisco-style profile still flags everything the original default flagged', () => {
    const originals = ['% Unrecognized command', '% Wrong parameter', '% Incomplete command', '% Invalid input', '% Ambiguous command', '^', 'Invalid input detected', 'Error: bad'];
    for (const type of ['cisco_ios', 'cisco_nxos', 'cisco_xr', 'arista_eos', 'generic']) {
      const pattern = cliPlatform(type)?.errorPattern as RegExp;
      for (const text of originals) {
        expect([type, text, ORIGINAL_CONFIG_ERROR.test(text)]).toEqual([type, text, true]);
        expect([type, text, pattern.test(text)]).toEqual([type, text, true]);
      }
    }
  });

  it('the platforms that differ from IOS each have their own pattern', () => {
    const ios = cliPlatform('cisco_ios')?.errorPattern;
    for (const type of ['cisco_nxos', 'cisco_xr', 'arista_eos', 'juniper_junos', 'huawei', 'hp_comware', 'linux', 'nokia_sros']) expect(cliPlatform(type)?.errorPattern).not.toBe(ios);
  });
});
