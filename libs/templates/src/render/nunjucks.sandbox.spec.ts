import { Jinja2Renderer } from './jinja2.renderer';

/** Templates arrive in requests: none of these may reach the process, its globals or shared prototypes. */
describe('NunjucksSandbox (through Jinja2Renderer)', () => {
  const sut = new Jinja2Renderer();
  const render = (template: string, context: Record<string, unknown> = {}): Promise<string> => sut.render(template, context, {});
  /** What a template produced, or that it failed: either way, never a leak. */
  const outcome = (template: string, context: Record<string, unknown> = {}): Promise<string> => render(template, context).catch(() => '<error>');

  it('blocks the constructor chain to Function (nunjucks alone runs this code)', async () => {
    for (const t of [
      '{{ range.constructor("return process")() }}',
      '{{ cycler.constructor("return process")() }}',
      '{{ "".constructor.constructor("return process")() }}',
      '{{ [].constructor.constructor("return process")() }}',
      '{{ {}["constr" ~ "uctor"]["constructor"]("return process")() }}',
      '{{ joiner().constructor("return process")() }}',
      '{{ x.split.constructor("return process")() }}',
    ]) {
      await expect(render(t, { x: 'a' })).rejects.toThrow(/Unable to call|UndefinedError/);
    }
  });

  it('never hands out process, require or the global object', async () => {
    const names = ['process', 'require', 'global', 'globalThis', 'module', 'exports', 'Function', 'Object', 'this', 'eval'];
    for (const name of names) await expect(outcome(`[{{ ${name} }}]`)).resolves.toMatch(/^\[\]$|<error>/);
  });

  it('resolves no inherited property as a top-level name (the context would leak through valueOf)', async () => {
    await expect(render('[{{ constructor }}][{{ toString }}][{{ hasOwnProperty }}][{{ __proto__ }}]')).resolves.toBe('[][][][]');
    await expect(render('{{ valueOf() }}')).rejects.toThrow(/Unable to call/);
  });

  it('reads only own keys of dicts, and no JavaScript built-ins on any value', async () => {
    const ctx = { d: { k: 'v' }, l: [1], s: 'str', n: 5 };
    const t = '[{{ d.k }}][{{ d.constructor }}][{{ d.__proto__ }}][{{ d["__proto__"] }}][{{ d.toString }}][{{ l.constructor }}][{{ l.map }}][{{ s.constructor }}][{{ n.toFixed }}][{{ range.call }}]';
    await expect(render(t, ctx)).resolves.toBe('[v][][][][][][][][][]');
    await expect(render('{{ s.repeat(100) }}', ctx)).rejects.toThrow(/Unable to call/);
    await expect(render('{{ s.padStart(100) }}', ctx)).rejects.toThrow(/Unable to call/);
  });

  it('cannot pollute Object.prototype through dict methods or a __proto__ key in the context', async () => {
    await outcome('{% set x = {} %}{% set _ = x.update({"__proto__": {"polluted": 1}}) %}{{ x.polluted }}');
    await outcome('{{ __proto__.polluted }}', JSON.parse('{"__proto__": {"polluted": 1}}') as Record<string, unknown>);
    await outcome('{% set _ = __proto__.update({"polluted": 1}) %}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('loads no other template: include, import and extends find nothing', async () => {
    await expect(render('{% include "/etc/passwd" %}')).rejects.toThrow('template not found');
    await expect(render('{% import "x.j2" as x %}')).rejects.toThrow('template not found');
    await expect(render('{% extends "base.j2" %}')).rejects.toThrow('template not found');
  });

  it('bounds range() as Jinja2’s sandbox does', async () => {
    await expect(render('{{ range(100000) | length }}')).resolves.toBe('100000');
    await expect(render('{{ range(100001) | length }}')).rejects.toThrow('range() is limited to 100000 items');
  });

  it('stops a render that runs past its time limit', async () => {
    const slow = new Jinja2Renderer({ renderTimeLimitMs: 200 });
    const started = Date.now();
    await expect(slow.render('{% for i in range(100000) %}{% for j in range(100000) %}{{ j }}{% endfor %}{% endfor %}', {}, {})).rejects.toThrow(
      'rendering ran longer than the limit templates.timeout (0.2 s) and was stopped',
    );
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
