import { ntcParsingPlanOf, ntcPlatformOf } from './ntc-parsing.plan';

describe('ntc parsing plan', () => {
  it.each([
    ['cisco_ios', 'cisco_ios'],
    ['cisco_ios_ssh', 'cisco_ios'],
    ['cisco_xe', 'cisco_ios'],
    ['cisco_nxos_ssh', 'cisco_nxos'],
    ['cisco_xr', 'cisco_xr'],
    ['arista_eos', 'arista_eos'],
    ['juniper', 'juniper_junos'],
    ['juniper_junos', 'juniper_junos'],
    ['huawei', 'huawei_vrp'],
    ['huawei_vrpv8', 'huawei_vrp'],
    ['hp_comware', 'hp_comware'],
    ['cisco_wlc', 'cisco_wlc_ssh'],
    ['linux_ssh', 'linux'],
    ['nokia_sros', 'alcatel_sros'],
    ['Cisco_IOS', 'cisco_ios'],
  ])('device_type %s → platform %s', (deviceType, platform) => {
    expect(ntcPlatformOf(deviceType)).toBe(platform);
  });

  it('has no platform for generic device types', () => {
    expect(ntcPlatformOf('generic')).toBeUndefined();
    expect(ntcPlatformOf('generic_ssh')).toBeUndefined();
  });

  it('leaves a complete request (or no index lookup) to the parser as given', () => {
    expect(ntcParsingPlanOf({ name: 'textfsm', template: 'x' }, 'netmiko', { device_type: 'cisco_ios' })).toBeNull();
    expect(ntcParsingPlanOf({ name: 'ttp', use_ntc_template: true }, 'netmiko', { device_type: 'cisco_ios' })).toBeNull();
    expect(ntcParsingPlanOf({ name: 'textfsm', use_ntc_template: true, ntc_template_args: { platform: 'cisco_ios', command: 'show version' } }, 'netmiko', {})).toBeNull();
  });

  it('fills what is missing: platform from device_type, command from each result', () => {
    expect(ntcParsingPlanOf({ name: 'textfsm', use_ntc_template: true }, 'netmiko', { device_type: 'cisco_xe' })).toEqual({ platform: 'cisco_ios', command: undefined, reason: '' });
    expect(ntcParsingPlanOf({ name: 'textfsm', use_ntc_template: true, ntc_template_args: null }, 'netmiko', { device_type: 'arista_eos' })).toMatchObject({ platform: 'arista_eos', command: undefined });
    expect(ntcParsingPlanOf({ name: 'textfsm', use_ntc_template: true, ntc_template_args: { command: 'show vlan' } }, 'netmiko', { device_type: 'cisco_ios' })).toMatchObject({ platform: 'cisco_ios', command: 'show vlan' });
    expect(ntcParsingPlanOf({ name: 'textfsm', use_ntc_template: true, ntc_template_args: { platform: 'cisco_nxos', command: '' } }, 'netmiko', { device_type: 'cisco_ios' })).toMatchObject({ platform: 'cisco_nxos', command: undefined });
    expect(ntcParsingPlanOf({ name: 'textfsm', use_ntc_template: true }, 'paramiko', { host: 'h' })).toMatchObject({ platform: 'linux' });
  });

  it('says why when no platform can be derived', () => {
    expect(ntcParsingPlanOf({ name: 'textfsm', use_ntc_template: true }, 'netmiko', { device_type: 'generic' })).toEqual({ platform: undefined, command: undefined, reason: "device_type 'generic' names no ntc-templates platform; set ntc_template_args.platform" });
    expect(ntcParsingPlanOf({ name: 'textfsm', use_ntc_template: true }, 'pyeapi', { host: 'h' })?.reason).toBe('no device_type to take the ntc-templates platform from; set ntc_template_args.platform');
  });
});
