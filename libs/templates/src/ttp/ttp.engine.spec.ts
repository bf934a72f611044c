import { runTtp } from './ttp.engine';
import { TtpError } from './ttp.error';

const ios = [
  'interface Loopback0',
  ' description Router ID',
  ' ip address 127.0.0.1 255.255.255.255',
  '!',
  'interface Vlan10',
  ' description users vlan',
  ' ip address 127.0.10.1 255.255.255.0',
  ' shutdown',
  '!',
].join('\n');

describe('runTtp', () => {
  it('parses a template without groups into one list per input', () => {
    expect(runTtp('interface {{ interface }}\n description {{ description | ORPHRASE }}', { data: ios })).toEqual([
      [
        [
          { description: 'Router ID', interface: 'Loopback0' },
          { description: 'users vlan', interface: 'Vlan10' },
        ],
      ],
    ]);
  });

  it('builds nested groups with dynamic paths, set, default and regex formatters', () => {
    const template = `
<group name="interfaces.{{ interface }}" default="none">
interface {{ interface }}
 description {{ description | ORPHRASE | upper }}
 shutdown {{ disabled | set(True) }}
 <group name="ipv4">
 ip address {{ ip | IP }} {{ mask }}
 </group>
</group>`;
    expect(runTtp(template, { data: ios, result: { structure: 'dictionary' } })).toEqual({
      _root_template_: [
        {
          interfaces: {
            Loopback0: { description: 'ROUTER ID', disabled: 'none', ipv4: { ip: '127.0.0.1', mask: '255.255.255.255' } },
            Vlan10: { description: 'USERS VLAN', disabled: true, ipv4: { ip: '127.0.10.1', mask: '255.255.255.0' } },
          },
        },
      ],
    });
  });

  it('filters with contains/exclude, converts with to_int and joins matches', () => {
    const template = `
<group name="vlans*" containsall="name">
vlan {{ vlan | to_int }}
 name {{ name | exclude("old") }}
 tagged {{ ports | joinmatches(",") }}
</group>`;
    const data = 'vlan 10\n name users\n tagged Gi1\n tagged Gi2\nvlan 20\n name old-users\nvlan 30\n tagged Gi3\n';
    expect(runTtp(template, { data })).toEqual([[{ vlans: [{ name: 'users', ports: 'Gi1,Gi2', vlan: 10 }] }]]);
  });

  it('bounds groups with _start_ and _end_ and skips matches after the end', () => {
    const template = `
<group name="ntp">
ntp {{ _start_ }}
  server {{ server | IP | to_list | joinmatches }}
end {{ _end_ }}
</group>`;
    const data = 'ntp\n  server 127.0.0.1\n  server 127.0.0.2\nend\nlogging\n  server 127.0.0.9\nend\n';
    expect(runTtp(template, { data })).toEqual([[{ ntp: { server: ['127.0.0.1', '127.0.0.2'] } }]]);
  });

  it('reads <vars>, <input> and template names, and lets templates use vars in set and paths', () => {
    const template = `
<template name="site_cfg">
<vars>
site = "lab-1"
</vars>
<input load="text">
hostname r1
</input>
<group name="{{ site }}">
hostname {{ hostname }}
{{ location | set(site) }}
</group>
</template>`;
    expect(runTtp(template, { result: { structure: 'dictionary' } })).toEqual({ site_cfg: [{ 'lab-1': { hostname: 'r1', location: 'lab-1' } }] });
  });

  it('formats with an <output> and returns the formatted text', () => {
    const template = '<group name="h">\nhostname {{ name }}\n</group>\n<output format="json"/>';
    expect(runTtp(template, { data: 'hostname r1\n' })).toEqual(['[\n    {\n        "h": {\n            "name": "r1"\n        }\n    }\n]']);
  });

  it('refuses what it cannot run with a TtpError naming it', () => {
    expect(() => runTtp('')).toThrow(new TtpError('template is empty'));
    expect(() => runTtp('<template>\n<macro>\ndef f(d): return d\n</macro>\n</template>')).toThrow('<macro> holds Python code');
    expect(() => runTtp('x {{ a | nosuchfn }}', { data: 'x 1\n' })).toThrow('unknown match variable function "nosuchfn" in variable "a"');
    expect(() => runTtp('<group>\nx {{ a | re("[") }}\n</group>')).toThrow(/invalid regular expression/);
    expect(() => runTtp('<group name="a">\nx {{ a }}\n</group>', { result: { structure: 'tree' } })).toThrow('unsupported result structure "tree"');
    expect(() => runTtp('<extend template="/etc/passwd"/>')).toThrow('files cannot be read here');
  });
});

describe('runTtp with hostile text', () => {
  it('keeps __proto__ and constructor from the parsed text as plain keys, never touching prototypes', () => {
    const template = '<group name="hosts.{{ name }}">\nhost {{ name }} {{ value }}\n</group>\n<group name="{{ key }}.x" expand="">\nkey {{ key }} {{ a.b }}\n</group>';
    const out = runTtp(template, { data: 'host __proto__ polluted\nhost constructor c1\nkey __proto__ p2\n' }) as Record<string, unknown>[][];
    const result = out[0][0] as Record<string, Record<string, unknown>>;
    expect(Object.getOwnPropertyNames(result.hosts)).toEqual(['__proto__', 'constructor']);
    expect(Object.prototype.hasOwnProperty.call(result, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).value).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(Object.getPrototypeOf(result.hosts)).toBe(Object.prototype);
  });
});
