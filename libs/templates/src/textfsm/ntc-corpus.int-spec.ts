import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parse } from 'yaml';
import { NtcRecord } from '../ntc/ntc-cli-table';
import { parseWithNtcIndex } from '../ntc/parse-with-ntc-index';

/**
 * The ntc-templates test corpus: every `tests/<platform>/<command>/*.raw` parsed with the template
 * the bundled index picks (platform = folder, command = folder with `_` → space, as ntc-templates'
 * own tests do), compared with its `*.yml` `parsed_sample` the way those tests compare: same
 * number of records, same keys (lower-cased value names), same values.
 *
 * The corpus lives beside the repository (`<repo>/../shared/data/ntc-templates`), in CI as here.
 * Without it the test is skipped locally and fails in CI (`CI=true`), so CI cannot pass without it.
 */
const repoRoot = resolve(__dirname, '../../../..');
const corpusDir = join(repoRoot, '..', 'shared', 'data', 'ntc-templates', 'tests');
const MIN_PASS_RATE = 0.98;

interface CorpusCase {
  readonly command: string;
  readonly name: string;
  readonly platform: string;
  readonly raw: string;
}

const listCases = (): CorpusCase[] =>
  readdirSync(corpusDir)
    .sort()
    .flatMap((platform) =>
      readdirSync(join(corpusDir, platform))
        .sort()
        .flatMap((folder) =>
          readdirSync(join(corpusDir, platform, folder))
            .filter((file) => file.endsWith('.raw'))
            .sort()
            .map((file) => ({
              command: folder.split('_').join(' '),
              name: `${platform}/${folder}/${file}`,
              platform,
              raw: join(corpusDir, platform, folder, file),
            })),
        ),
    );

/** Why a case fails, or `undefined` when it passes. */
const check = (corpusCase: CorpusCase): string | undefined => {
  // PyYAML (YAML 1.1) wrote and reads these files.
  const expected = (parse(readFileSync(corpusCase.raw.replace(/\.raw$/, '.yml'), 'utf8'), { version: '1.1' }) as { parsed_sample: NtcRecord[] }).parsed_sample;
  let actual: NtcRecord[];
  try {
    actual = parseWithNtcIndex({ command: corpusCase.command, platform: corpusCase.platform }, readFileSync(corpusCase.raw, 'utf8'), { lowerCaseKeys: true });
  } catch (error: unknown) {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
  if (actual.length !== expected.length) {
    return `${actual.length} records, expected ${expected.length}`;
  }
  for (const [index, record] of expected.entries()) {
    const got = actual[index] ?? {};
    const keys = Object.keys(record).sort();
    if (!isDeepStrictEqual(Object.keys(got).sort(), keys)) {
      return `record ${index}: keys ${Object.keys(got).sort().join(',')}, expected ${keys.join(',')}`;
    }
    const wrong = keys.find((key) => !isDeepStrictEqual(got[key], record[key]));
    if (wrong !== undefined) {
      return `record ${index}, ${wrong}: ${JSON.stringify(got[wrong])}, expected ${JSON.stringify(record[wrong])}`;
    }
  }
  return undefined;
};

const inCi = process.env.CI === 'true';

if (!existsSync(corpusDir) && !inCi) {
  describe.skip('ntc-templates corpus', () => {
    it(`needs the corpus at ${corpusDir}`, () => undefined);
  });
  console.warn(`ntc-templates corpus skipped: ${corpusDir} not found`);
} else {
  describe('ntc-templates corpus', () => {
    it(`parses at least ${MIN_PASS_RATE * 100}% of the cases like the corpus expects`, () => {
      expect({ corpus: corpusDir, present: existsSync(corpusDir) }).toEqual({ corpus: corpusDir, present: true });
      const cases = listCases();
      const failures = cases.flatMap((corpusCase) => {
        const reason = check(corpusCase);
        return reason === undefined ? [] : [`${corpusCase.name}: ${reason}`];
      });
      const passRate = (cases.length - failures.length) / cases.length;
      console.log(
        [`ntc-templates corpus: ${cases.length - failures.length}/${cases.length} passed (${(passRate * 100).toFixed(2)}%)`, ...failures.map((failure) => `  FAIL ${failure}`)].join('\n'),
      );

      expect(cases.length).toBeGreaterThan(1000);
      expect(passRate).toBeGreaterThanOrEqual(MIN_PASS_RATE);
    }, 180_000);
  });
}
