import { Jinja2Renderer } from './jinja2.renderer';
import { readJinja2Options } from './jinja2.options';
import { createSandboxEnvironment } from './sandbox-environment.factory';

/**
 * Attacks replayed against a running system: one template must never change the process or a later
 * render. Each payload below once answered 200 and left state behind.
 */
describe('render isolation: no state shared between renders', () => {
  const sut = new Jinja2Renderer();
  const render = (template: string, context: Record<string, unknown> = {}): Promise<string> => sut.render(template, context, {});
  const attempt = (template: string, context: Record<string, unknown> = {}): Promise<string> => render(template, context).catch((err: Error) => `<error: ${err.message}>`);
  const proto = Object.prototype as unknown as Record<string, unknown>;

  afterEach(() => {
    // A failing run must not poison the tests after it.
    for (const key of ['x', 'polluted']) delete proto[key];
  });

  it('dict methods read own keys only: get("__proto__") cannot hand out Object.prototype to update()', async () => {
    const out = await attempt('{% set p = {}.get("__proto__") %}{{ p.update({"x": "1"}) }}ok');
    expect(out).toMatch(/UndefinedError/);
    expect(Object.hasOwn(Object.prototype, 'x')).toBe(false);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    await expect(render('[{{ {}.get("constructor") }}][{{ {}.get("toString", "d") }}][{{ {}.has_key("valueOf") }}][{{ {"a": 1}.get("a") }}]')).resolves.toBe('[][d][False][1]');
    await expect(render('{{ {}.pop("__proto__", "none") }}|{{ {}.setdefault("constructor", 5) }}')).resolves.toBe('none|5');
  });

  it('a "__proto__" key stays a key: setdefault, update and the context never set a prototype', async () => {
    const t = '{% set d = {} %}{% set _ = d.setdefault("__proto__", {"polluted": 1}) %}{% set _ = d.update(__proto__={"polluted": 2}) %}{{ d.keys() }}|{{ d.polluted }}';
    await expect(render(t)).resolves.toBe("['__proto__']|");
    const ctx = JSON.parse('{"d": {"__proto__": {"polluted": 3}}}') as Record<string, unknown>;
    await expect(render('{{ d.polluted }}|{% set _ = d["__proto__"].update({"polluted": 4}) %}{{ d.keys() }}', ctx)).resolves.toBe("|['__proto__']");
    expect(proto.polluted).toBeUndefined();
  });

  it('`1 | valueOf` no longer hands out the context, so env.globals.update cannot reach a later render', async () => {
    const out = await attempt('{% set c = (1 | valueOf) %}{{ c.env.globals.update({"ntp": "10.9.9.9; echo INJECTED"}) }}');
    expect(out).toBe('<error: Jinja2 template error: filter not found: valueOf>');
    await expect(render('ntp={{ ntp }}')).resolves.toBe('ntp=');
  });

  it('a filter swapped by one template is not seen by the next', async () => {
    await attempt('{% set c = (1 | valueOf) %}{{ c.env.filters.update({"upper": c.env.filters.lower}) }}');
    await attempt('{% set c = (1 | constructor) %}{{ c.env.filters.update({"upper": c.env.filters.lower}) }}');
    await expect(render('{{ "a" | upper }}')).resolves.toBe('A');
  });

  it('finds no filter, test or global through Object.prototype', async () => {
    for (const name of ['valueOf', 'constructor', 'toString', 'hasOwnProperty', '__lookupGetter__', '__defineGetter__', 'isPrototypeOf', 'toLocaleString']) {
      await expect(render(`{{ 1 | ${name} }}`)).rejects.toThrow(`filter not found: ${name}`);
      await expect(render(`{{ 1 is ${name} }}`)).rejects.toThrow(`test not found: ${name}`);
    }
  });

  it('blocks the classic nunjucks escapes to Function and process', async () => {
    for (const t of [
      '{{ range.constructor("return process")() }}',
      '{{ range.constructor.constructor("return process")() }}',
      '{{ cycler.constructor("return process")() }}',
      '{{ cycler("a").next.constructor("return process")() }}',
      '{% set c = cycler("a") %}{{ c.constructor.constructor("return process")() }}',
      '{{ joiner.constructor("return process")() }}',
      '{{ joiner().constructor("return process")() }}',
      '{{ "".constructor.constructor("return process")() }}',
      '{{ "".__proto__.constructor.constructor("return process")() }}',
      '{{ [].constructor.constructor("return process")() }}',
      '{{ {}.constructor.constructor("return process")() }}',
      '{{ {}.valueOf().constructor.constructor("return process")() }}',
      '{{ {}.get.constructor("return process")() }}',
      '{{ "x".upper.constructor("return process")() }}',
      '{% for i in [1] %}{{ loop.constructor.constructor("return process")() }}{% endfor %}',
      '{% macro m() %}{% endmacro %}{{ m.constructor("return process")() }}',
      '{{ (1 | valueOf).constructor.constructor("return process")() }}',
      '{{ lipsum.__globals__ }}{{ self.__init__.__globals__ }}',
    ]) {
      const out = await attempt(t);
      expect([t, out]).toEqual([t, expect.stringMatching(/^<error: .*(Unable to call|UndefinedError|not found)|^$/)]);
    }
  });

  it('gives every render a fresh environment whose tables are prototype-less and frozen', () => {
    const opts = readJinja2Options({});
    const a = createSandboxEnvironment(opts) as unknown as { filters: object; tests: object; globals: object; getFilter(n: string): unknown };
    const b = createSandboxEnvironment(opts) as unknown as typeof a;
    expect(a).not.toBe(b);
    for (const table of [a.filters, a.tests, a.globals]) {
      expect(Object.getPrototypeOf(table)).toBeNull();
      expect(Object.isFrozen(table)).toBe(true);
    }
    expect(a.filters).not.toBe(b.filters);
    expect(() => a.getFilter('valueOf')).toThrow('filter not found: valueOf');
  });
});

describe('size caps on padding and repetition', () => {
  const sut = new Jinja2Renderer();
  const render = (template: string): Promise<string> => sut.render(template, {}, {});

  it('refuses widths over the cap with an error naming the call and the limit', async () => {
    await expect(render('{{ "1".zfill(300000000) }}')).rejects.toThrow('zfill width 300000000 is over the limit of 10000 characters');
    await expect(render('{{ "x".center(10000000) }}')).rejects.toThrow('center width 10000000 is over the limit of 10000 characters');
    await expect(render('{{ "x".ljust(20000) }}{{ "x".rjust(20000) }}')).rejects.toThrow('ljust width 20000 is over the limit');
    await expect(render('{{ "x" | center(10000000) }}')).rejects.toThrow('center width 10000000 is over the limit');
    await expect(render('{{ "a\nb" | indent(100000000) }}')).rejects.toThrow('indent width 100000000 is over the limit');
    await expect(render('{{ "%300000000d" | format(1) }}')).rejects.toThrow('format spec %300000000d width 300000000 is over the limit');
    await expect(render('{{ "%.1000f" | format(1) }}')).rejects.toThrow('precision is over the limit of 100');
    await expect(render('{{ [1] | batch(1000000000, 0) | length }}')).rejects.toThrow('batch count 1000000000 is over the limit of 100000');
    await expect(render('{{ [1] | slice(1000000000) | length }}')).rejects.toThrow('slice count 1000000000 is over the limit of 100000');
  });

  it('keeps ordinary widths working', async () => {
    await expect(render('[{{ "7".zfill(3) }}][{{ "ab".center(6, "*") }}][{{ "%-5s|%05d" | format("a", 42) }}][{{ "x" | center(5) }}]')).resolves.toBe('[007][**ab**][a    |00042][  x  ]');
    await expect(render('{{ [1, 2, 3] | batch(2, "-") | list }}')).resolves.toBe("[[1, 2], [3, '-']]");
  });

  it('repeats strings and lists with `*` as Python does, up to a cap', async () => {
    await expect(render('[{{ "ab" * 3 }}][{{ 2 * "-" }}][{{ [1, 2] * 2 }}][{{ 3 * 4 }}][{{ "x" * 0 }}]')).resolves.toBe('[ababab][--][[1, 2, 1, 2]][12][]');
    await expect(render('{{ "x" * 300000000 }}')).rejects.toThrow('string repetition to 300000000 characters is over the limit of 100000');
    await expect(render('{{ [1] * 300000000 }}')).rejects.toThrow('list repetition to 300000000 items is over the limit of 100000');
    await expect(render('{{ "x" * "y" }}')).rejects.toThrow("can't multiply sequence by non-int of type string");
  });
});
