import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { CliError, GlobalOptions, clientFor } from '../cli.context';
import { out, printJson } from '../output/terminal.output';

export function templateCommands(program: Command): void {
  program
    .command('render')
    .description('render a template (POST /template/render)')
    .requiredOption('-t, --template <file>', 'the template file')
    .option('--engine <name>', 'renderer', 'jinja2')
    .option('--vars <json>', 'the context as JSON', '{}')
    .action(async (f: { template: string; engine: string; vars: string }) => {
      const global = program.opts<GlobalOptions>();
      let context: unknown;
      try {
        context = JSON.parse(f.vars);
      } catch {
        throw new CliError('--vars must be JSON, e.g. {"ntp": "127.0.0.1"}');
      }
      const res = await clientFor(global).render({ name: f.engine, template: readFileSync(f.template, 'utf8'), context });
      if (global.json || typeof res !== 'string') printJson(res);
      else out(res);
    });

  program
    .command('parse')
    .description('parse text with a template (POST /template/parse)')
    .requiredOption('-t, --template <file>', 'the TextFSM or TTP template file')
    .requiredOption('-i, --input <file>', 'the text to parse')
    .option('--engine <name>', 'textfsm or ttp', 'textfsm')
    .action(async (f: { template: string; input: string; engine: string }) => {
      const global = program.opts<GlobalOptions>();
      printJson(await clientFor(global).parse({ name: f.engine, template: readFileSync(f.template, 'utf8'), context: readFileSync(f.input, 'utf8') }));
    });
}
