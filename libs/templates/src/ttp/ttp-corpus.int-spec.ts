import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { PyDict, PyValue } from './ttp-python.values';
import { runTtp, TtpExtraInput } from './ttp.engine';

/**
 * The TTP reference corpus: cases produced with the Python TTP (template, data, extra inputs,
 * files, expected `result()`), each run through our engine and compared as JSON with object key
 * order ignored. Cases tagged `needs:` depend on Python code or Python libraries and are left out.
 *
 * The corpus lives beside the repository (`<repo>/../shared/data/ttp`). Without it the test is
 * skipped locally and fails in CI (`CI=true`).
 */
const repoRoot = resolve(__dirname, '../../../..');
const corpusFile = join(repoRoot, '..', 'shared', 'data', 'ttp', 'cases.json');
const MIN_PASS_RATE = 0.95;

interface TtpCase {
  readonly id: string;
  readonly template: string;
  readonly data: string;
  readonly inputs?: TtpExtraInput[];
  readonly result_kwargs?: Record<string, PyValue>;
  readonly ttp_kwargs?: { vars?: PyDict };
  readonly files?: Record<string, string>;
  readonly result: unknown;
  readonly features: string[];
}

/** Why a case fails, or `undefined` when it passes. */
const check = (c: TtpCase): string | undefined => {
  let got: unknown;
  try {
    got = runTtp(c.template, { data: c.data, files: c.files, inputs: c.inputs, result: c.result_kwargs, vars: c.ttp_kwargs?.vars });
  } catch (error: unknown) {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
  const json: unknown = JSON.parse(JSON.stringify(got) ?? 'null');
  return isDeepStrictEqual(json, c.result) ? undefined : `got ${JSON.stringify(json).slice(0, 300)}`;
};

const inCi = process.env.CI === 'true';

if (!existsSync(corpusFile) && !inCi) {
  describe.skip('TTP reference corpus', () => {
    it(`needs the corpus at ${corpusFile}`, () => undefined);
  });
  console.warn(`TTP corpus skipped: ${corpusFile} not found`);
} else {
  describe('TTP reference corpus', () => {
    it(`parses at least ${MIN_PASS_RATE * 100}% of the cases without needs: tags like the reference`, () => {
      expect(existsSync(corpusFile)).toBe(true);
      const all = JSON.parse(readFileSync(corpusFile, 'utf8')) as TtpCase[];
      const cases = all.filter((c) => !c.features.some((f) => f.startsWith('needs:')));
      const failures = cases.flatMap((c) => {
        const reason = check(c);
        return reason === undefined ? [] : [`${c.id}: ${reason}`];
      });
      const passRate = (cases.length - failures.length) / cases.length;
      console.log(
        [`TTP corpus: ${cases.length - failures.length}/${cases.length} passed (${(passRate * 100).toFixed(2)}%)`, ...failures.map((failure) => `  FAIL ${failure}`)].join('\n'),
      );
      expect(cases.length).toBeGreaterThan(200);
      expect(passRate).toBeGreaterThanOrEqual(MIN_PASS_RATE);
    }, 120_000);
  });
}
