import { TemplateSourceResolver } from '../sources/template-source.resolver';
import { TemplateEngineNotFoundError } from './template-engine-not-found.error';
import type { TemplateParser, TemplateRenderer } from './template-plugin.types';
import { TemplateParserRegistry } from './template-parser.registry';
import { TemplateRendererRegistry } from './template-renderer.registry';
import { TemplateEngines } from './template.engines';

const clockTemplate = 'Value TIME (\\d+:\\d+:\\d+)\nValue Zone (\\w+)\n\nStart\n  ^${TIME} ${Zone} -> Record\n';

describe('template registries', () => {
  it('know the built-ins: renderer jinja2, parsers textfsm and ttp', () => {
    expect(TemplateRendererRegistry.withBuiltins().names()).toEqual(['jinja2']);
    expect(TemplateParserRegistry.withBuiltins().names()).toEqual(['textfsm', 'ttp']);
  });

  it('fail at startup on a duplicate name', () => {
    const renderers = TemplateRendererRegistry.withBuiltins();
    const dup: TemplateRenderer = { name: 'jinja2', render: async () => '' };
    expect(() => renderers.register(dup)).toThrow('renderer jinja2 is registered twice');
    const parsers = TemplateParserRegistry.withBuiltins();
    const dupParser: TemplateParser = { name: 'textfsm', parse: async () => [] };
    expect(() => parsers.register(dupParser)).toThrow('parser textfsm is registered twice');
  });

  it('name the known engines when a lookup fails, with the contract text as detail', () => {
    const parsers = TemplateParserRegistry.withBuiltins();
    const err = (() => {
      try {
        parsers.require('genie');
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(TemplateEngineNotFoundError);
    expect(err).toMatchObject({ detail: 'Parser genie not found', known: ['textfsm', 'ttp'], message: 'Parser genie not found (known: textfsm, ttp)', status: 404 });
    expect(() => TemplateRendererRegistry.withBuiltins().require('mako')).toThrow('Renderer mako not found (known: jinja2)');
  });
});

describe('TemplateEngines', () => {
  const sut = TemplateEngines.withBuiltins({ allowedTargets: ['127.0.0.0/8'] });

  describe('render (POST /template/render[/{name}])', () => {
    it('renders with the body’s engine, context and args', async () => {
      await expect(sut.render({ args: { keep_trailing_newline: true }, context: { id: 10 }, name: 'jinja2', template: 'vlan {{ id }}\n' })).resolves.toBe('vlan 10\n');
    });

    it('lets the path name override the body', async () => {
      await expect(sut.render({ name: 'nope', template: 'x' }, 'jinja2')).resolves.toBe('x');
    });

    it('answers the contract’s errors in the contract’s order', async () => {
      await expect(sut.render({ name: '', template: 'x' })).rejects.toMatchObject({ message: 'Renderer name is required', status: 400 });
      await expect(sut.render({ name: 'jinja2', template: null })).rejects.toMatchObject({ message: 'Template source is required', status: 400 });
      await expect(sut.render({ name: 'mako', template: 'x' })).rejects.toMatchObject({ detail: 'Renderer mako not found', status: 404 });
      await expect(sut.render({ name: 'jinja2', template: '{% if %}' })).rejects.toMatchObject({ name: 'TemplateRenderError', status: 400 });
    });
  });

  describe('parse (POST /template/parse[/{name}])', () => {
    it('parses context with an inline TextFSM template, keys as written (a list, where the original answers 500)', async () => {
      await expect(sut.parse({ context: '10:00:01 UTC\n11:00:02 CET\n', name: 'textfsm', template: clockTemplate })).resolves.toEqual([
        { TIME: '10:00:01', Zone: 'UTC' },
        { TIME: '11:00:02', Zone: 'CET' },
      ]);
    });

    it('parses through the ntc-templates index without a template (docs/compatibility.md: Parsing with an index lookup needs no template), keys lower-case like ntc_templates', async () => {
      const request = { context: '*18:57:38.347 UTC Mon Oct 19 2015\n', name: 'textfsm', ntc_template_args: { command: 'sh clock', platform: 'cisco_ios' }, use_ntc_template: true };
      await expect(sut.parse(request)).resolves.toEqual([{ day: '19', dayweek: 'Mon', month: 'Oct', time: '18:57:38.347', timezone: 'UTC', year: '2015' }]);
    });

    it('answers name, engine and parse errors clearly', async () => {
      await expect(sut.parse({ context: 'x', name: '', template: clockTemplate })).rejects.toMatchObject({ message: 'Parser name is required', status: 400 });
      await expect(sut.parse({ context: 'x', name: 'genie', template: 'x' })).rejects.toMatchObject({ detail: 'Parser genie not found', status: 404 });
      await expect(sut.parse({ context: 'x', name: 'textfsm' })).rejects.toThrow('Parser textfsm needs `template`');
      await expect(sut.parse({ context: 'x', name: 'textfsm', template: 'Value X (\\d+)\n\nNoStart\n' })).rejects.toThrow('Invalid TextFSM template:');
      await expect(sut.parse({ context: 'x', name: 'textfsm', ntc_template_args: { command: 'show nothing', platform: 'cisco_ios' }, use_ntc_template: true })).rejects.toThrow(
        "TextFSM (ntc-templates): No template found for platform 'cisco_ios' and command 'show nothing'",
      );
      await expect(sut.parse({ context: 'x', name: 'textfsm', ntc_template_args: { platform: 'cisco_ios' }, use_ntc_template: true })).rejects.toThrow(
        'ntc_template_args.command must be a non-empty string',
      );
      await expect(sut.parse({ context: 'boom\n', name: 'textfsm', template: 'Value X (\\w+)\n\nStart\n  ^boom -> Error "device said boom"\n' })).rejects.toThrow('TextFSM:');
    });
  });

  describe('parse with ttp', () => {
    const template = '<group name="interfaces">\ninterface {{ interface }}\n ip address {{ ip }} {{ mask }}\n</group>';

    it('answers TTP’s result with structure dictionary, one result per input', async () => {
      const context = 'interface Lo0\n ip address 127.0.0.1 255.255.255.255\ninterface Lo1\n ip address 127.0.0.2 255.255.255.255\n';
      await expect(sut.parse({ context, name: 'ttp', template })).resolves.toEqual({
        _root_template_: [
          {
            interfaces: [
              { interface: 'Lo0', ip: '127.0.0.1', mask: '255.255.255.255' },
              { interface: 'Lo1', ip: '127.0.0.2', mask: '255.255.255.255' },
            ],
          },
        ],
      });
    });

    it('answers clear 400s: no template, a broken template, use_ttp_template without a bundled collection', async () => {
      await expect(sut.parse({ context: 'x', name: 'ttp', template: '' })).rejects.toMatchObject({ message: 'Parser ttp needs `template` (TTP template text or URL)', status: 400 });
      await expect(sut.parse({ context: 'x', name: 'ttp', template: '<group>\nx {{ a | re("(") }}\n</group>' })).rejects.toMatchObject({ name: 'TemplateParseError', status: 400 });
      await expect(sut.parse({ context: 'x', name: 'ttp', template: '<group name="a">\nx {{ a }}\n</grp>' })).rejects.toThrow(/^TTP: template is not valid TTP XML: mismatched tag/);
      await expect(sut.parse({ context: 'x', name: 'ttp', template: '', ttp_template_args: { command: 'show version', platform: 'cisco_ios' }, use_ttp_template: true })).rejects.toMatchObject({
        message: expect.stringContaining('use_ttp_template is not supported'),
        status: 400,
      });
    });
  });

  describe('prepareParser (a job’s parsing)', () => {
    it('loads the template once and parses every stdout with it, ignoring the request’s context', async () => {
      const sources = new TemplateSourceResolver({ allowedTargets: [] });
      const resolve = jest.spyOn(sources, 'resolve');
      const engines = new TemplateEngines(TemplateParserRegistry.withBuiltins(), TemplateRendererRegistry.withBuiltins(), sources);
      const parse = await engines.prepareParser({ context: 'ignored', name: 'textfsm', template: clockTemplate });
      await expect(parse('10:00:01 UTC\n')).resolves.toEqual([{ TIME: '10:00:01', Zone: 'UTC' }]);
      await expect(parse('')).resolves.toEqual([]);
      await expect(parse({ not: 'text' })).rejects.toThrow('Only text output can be parsed, got object');
      expect(resolve).toHaveBeenCalledTimes(1);
    });
  });

  describe('renderJob (a job’s rendering, one line per rendered line)', () => {
    it('renders an object payload into lines and the file fields with the same context', async () => {
      const out = await sut.renderJob({
        driver_args: null,
        file_transfer: { local_path: '/tmp/{{ vlan }}.cfg' },
        payload: { vlan: 20 },
        rendering: { context: { name: 'users' }, name: 'jinja2', template: '{% for i in [1, 2] %}\nvlan {{ vlan + i }}\n name {{ name }}\n{% endfor %}\n' },
      });
      expect(out.lines).toEqual(['vlan 21', ' name users', 'vlan 22', ' name users']);
      expect(out.file_transfer).toEqual({ local_path: '/tmp/20.cfg' });
    });

    it('fails with the engine error on an unknown renderer', async () => {
      await expect(sut.renderJob({ driver_args: null, file_transfer: null, payload: 'x', rendering: { name: 'mako' } })).rejects.toBeInstanceOf(TemplateEngineNotFoundError);
    });
  });
});
