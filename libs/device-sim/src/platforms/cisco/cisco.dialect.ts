import { ConfigDialect, expandInterface, SectionRule } from '../../config/config.dialect';

const GLOBAL_KEYWORDS = [
  'aaa', 'access-list', 'alias', 'archive', 'banner', 'boot', 'cdp', 'class-map', 'cli', 'clock', 'control-plane',
  'crypto', 'default', 'dot1x', 'enable', 'errdisable', 'event', 'feature', 'file', 'hostname', 'boot-start-marker', 'boot-end-marker', 'transceiver', 'interface', 'ip', 'ipv4',
  'ipv6', 'key', 'license', 'line', 'lldp', 'logging', 'mac', 'management', 'monitor', 'mpls', 'ntp', 'object-group',
  'policy-map', 'port-channel', 'radius-server', 'redundancy', 'role', 'route-map', 'router', 'service', 'snmp-server',
  'spanning-tree', 'ssh', 'system', 'tacacs-server', 'track', 'udld', 'username', 'version', 'vlan', 'vrf', 'vtp',
];

const INTERFACE_KEYWORDS = [
  'authentication', 'bandwidth', 'carrier-delay', 'cdp', 'channel-group', 'default', 'delay', 'description', 'dot1x',
  'duplex', 'encapsulation', 'flowcontrol', 'ip', 'ipv4', 'ipv6', 'keepalive', 'lldp', 'load-interval', 'logging', 'mac',
  'media-type', 'mtu', 'negotiation', 'power', 'service-policy', 'shutdown', 'spanning-tree', 'speed', 'standby',
  'storm-control', 'switchport', 'udld', 'vrf', 'vrrp',
];

const SINGLE_VALUED = [
  'bandwidth', 'banner motd', 'channel-group', 'clock timezone', 'description', 'duplex', 'hostname', 'ip address',
  'ip domain name', 'ip domain-name', 'ipv4 address', 'mtu', 'speed', 'switchport access vlan', 'switchport mode',
  'vrf forwarding', 'vrf member',
];

/** `no ...` statements Cisco-style running configs print (they turn off a default that is on). */
const KEPT_NEGATIONS = [
  { statement: /^(aaa root|aaa new-model|service pad|ip routing|ip domain-lookup|ip http server|cdp run|ip source-route)$/i },
  { statement: /^shutdown$/i, within: /^management\s+api\s/i },
];

const fixed = (label: string) => (): string => label;

/**
 * The configuration dialect shared by Cisco-style CLIs. `interfaceLabel` names the interface
 * sub-mode in the prompt (`config-if`; EOS writes `config-if-Et1`).
 */
export function ciscoDialect(
  interfaceTypes: readonly string[],
  interfaceLabel: (name: string) => string = fixed('config-if'),
): ConfigDialect {
  const sections: SectionRule[] = [
    {
      header: (m) => `interface ${expandInterface(m[1], interfaceTypes)}`,
      keywords: INTERFACE_KEYWORDS,
      label: (_m, header) => interfaceLabel(header.replace(/^interface /, '')),
      pattern: /^interface\s+(\S+(?:\s+\d\S*)?)$/i,
    },
    { label: fixed('config-router-af'), pattern: /^address-family\s+\S+/i, within: /^router\s+bgp/i },
    { label: fixed('config-router'), pattern: /^router\s+\S+/i },
    { label: fixed('config-line'), pattern: /^line\s+\S+/i },
    { label: fixed('config-mgmt-api-http-cmds'), pattern: /^management\s+api\s+\S+/i },
    { label: fixed('config-vlan'), pattern: /^vlan\s+\d+$/i },
    { label: (m) => (m[1].toLowerCase() === 'standard' ? 'config-std-nacl' : 'config-ext-nacl'), pattern: /^ip access-list\s+(standard|extended)\s+\S+$/i },
    { label: fixed('config-route-map'), pattern: /^route-map\s+\S+/i },
    { label: fixed('config-cmap'), pattern: /^class-map\s+/i },
    { label: fixed('config-pmap'), pattern: /^policy-map\s+/i },
    { label: fixed('config-vrf'), pattern: /^(?:vrf definition|vrf context|ip vrf)\s+\S+$/i },
  ];
  return { globalKeywords: GLOBAL_KEYWORDS, interfaceTypes, keptNegations: KEPT_NEGATIONS, negation: 'no', sections, singleValued: SINGLE_VALUED };
}
