import { TemplateEngines } from './template.engines';

describe('TemplateEngines.hasNtcTemplate (the bundled ntc-templates index)', () => {
  const engines = TemplateEngines.withBuiltins({ allowedTargets: [] });

  it.each([
    ['cisco_ios', 'show version'],
    ['cisco_ios', 'show ip interface brief'],
    ['cisco_ios', 'sh ip int br'],
    ['cisco_ios', 'sh ver'],
    ['cisco_nxos', 'show version'],
    ['arista_eos', 'show ip interface brief'],
    ['juniper_junos', 'show version'],
    ['huawei_vrp', 'display version'],
  ])('finds %s %j', (platform, command) => {
    expect(engines.hasNtcTemplate(platform, command)).toBe(true);
  });

  it.each([
    ['cisco_ios', 'show frobnicator'],
    ['cisco_ios', 'show privilege'],
    ['no_such_platform', 'show version'],
  ])('has none for %s %j', (platform, command) => {
    expect(engines.hasNtcTemplate(platform, command)).toBe(false);
  });
});
