import { parseSimArgs } from './sim-args.parser';

describe('parseSimArgs', () => {
  it('turns eAPI on for arista_eos: HTTPS on 443 and HTTP on 80 by default', () => {
    expect(parseSimArgs(['--platform', 'arista_eos']).fleet.eapi).toEqual({ httpsPort: 443, httpPort: 80 });
  });

  it('takes eAPI ports, 0 for a free port and off to turn an endpoint off', () => {
    expect(parseSimArgs(['--platform', 'arista_eos', '--eapi-https-port', '0', '--eapi-http-port', 'off']).fleet.eapi).toEqual({ httpsPort: 0, httpPort: null });
    expect(parseSimArgs(['--platform', 'arista_eos', '--eapi-https-port', 'OFF', '--eapi-http-port', '8080']).fleet.eapi).toEqual({ httpsPort: null, httpPort: 8080 });
    expect(parseSimArgs(['--platform', 'arista_eos', '--eapi-https-port', 'off', '--eapi-http-port', 'off']).fleet.eapi).toBeUndefined();
  });

  it('rejects a bad eAPI port by flag name', () => {
    expect(() => parseSimArgs(['--platform', 'arista_eos', '--eapi-https-port', 'https'])).toThrow("--eapi-https-port must be a number, got 'https'");
    expect(() => parseSimArgs(['--platform', 'arista_eos', '--eapi-http-port', '70000'])).toThrow("--eapi-http-port must be a port (0-65535) or off, got '70000'");
    expect(() => parseSimArgs(['--platform', 'arista_eos', '--eapi-http-port', '1.5'])).toThrow('--eapi-http-port must be a port');
  });

  it('serves no eAPI for other platforms, and refuses the eAPI flags there', () => {
    expect(parseSimArgs([]).fleet.eapi).toBeUndefined();
    expect(parseSimArgs(['--platform', 'cisco_ios']).fleet.eapi).toBeUndefined();
    expect(() => parseSimArgs(['--platform', 'cisco_ios', '--eapi-http-port', '80'])).toThrow('--eapi-http-port applies only to arista_eos devices, not cisco_ios');
  });
});
