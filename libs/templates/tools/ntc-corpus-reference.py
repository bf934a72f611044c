#!/usr/bin/env python3
"""Runs the ntc-templates corpus through the reference Python textfsm (Debian: python3-textfsm 1.1.0).

Same cases and the same comparison as libs/templates/src/textfsm/ntc-corpus.int-spec.ts: the index
picks the template (platform = folder, command = folder with '_' -> ' '), records are compared with
the case's parsed_sample by count, key set (lower-cased value names) and value.

  --mode clitable  textfsm's clitable.CliTable.ParseCmd, as ntc_templates.parse.parse_output does
                   (rows merged across the templates of an index row, List items stored as str)
  --mode textfsm   TextFSM.ParseTextToDicts with the row's first template only, None list items
                   written as 'None'

Usage: /usr/bin/python3 libs/templates/tools/ntc-corpus-reference.py [--mode clitable|textfsm]
       [--corpus <repo>/../shared/data/ntc-templates] [--templates <repo>/libs/templates/ntc-templates]
"""
import argparse
import glob
import os
import sys

import textfsm
import yaml
from textfsm import clitable

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..'))


def parse_clitable(template_dir, platform, command, text):
    table = clitable.CliTable('index', template_dir)
    table.ParseCmd(text, {'Command': command, 'Platform': platform})
    return [{table.header[i].lower(): cell for i, cell in enumerate(row)} for row in table]


def parse_textfsm(template_dir, platform, command, text):
    index = clitable.CliTable('index', template_dir).index
    row = index.GetRowMatch({'Command': command, 'Platform': platform})
    if not row:
        raise LookupError('no template')
    with open(os.path.join(template_dir, index.index[row]['Template'].split(':')[0])) as template:
        fsm = textfsm.TextFSM(template)
    listed = lambda value: ['None' if item is None else item for item in value] if isinstance(value, list) else value
    return [{key.lower(): listed(value) for key, value in record.items()} for record in fsm.ParseTextToDicts(text)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--mode', choices=['clitable', 'textfsm'], default='clitable')
    parser.add_argument('--corpus', default=os.path.join(REPO, '..', 'shared', 'data', 'ntc-templates'))
    parser.add_argument('--templates', default=os.path.join(REPO, 'libs', 'templates', 'ntc-templates'))
    args = parser.parse_args()
    run = parse_clitable if args.mode == 'clitable' else parse_textfsm
    cases = sorted(glob.glob(os.path.join(args.corpus, 'tests', '*', '*', '*.raw')))
    failures = []
    for raw in cases:
        platform, folder = raw.split(os.sep)[-3:-1]
        try:
            with open(raw) as handle:
                actual = run(args.templates, platform, ' '.join(folder.split('_')), handle.read())
            with open(raw[:-4] + '.yml') as handle:
                expected = yaml.safe_load(handle)['parsed_sample']
            same = len(actual) == len(expected) and all(
                set(got) == set(want) and all(got[key] == want[key] for key in want) for got, want in zip(actual, expected))
        except Exception as error:  # a case that raises fails, as in ntc-templates' own tests
            same = False
        if not same:
            failures.append(os.path.relpath(raw, os.path.join(args.corpus, 'tests')))
    passed = len(cases) - len(failures)
    print('reference textfsm (%s): %d/%d passed (%.2f%%)' % (args.mode, passed, len(cases), 100.0 * passed / len(cases)))
    for failure in failures:
        print('  FAIL', failure)
    return 0


if __name__ == '__main__':
    sys.exit(main())
