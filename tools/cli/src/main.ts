import { NetpulseApiError } from '@netpulse/client';
import { runCli } from './netpulse.cli';

runCli(process.argv).catch((err: unknown) => {
  if (err instanceof NetpulseApiError || (err instanceof Error && (err.name === 'CliError' || 'code' in err))) {
    process.stderr.write(`netpulse: ${err.message}\n`);
  } else {
    process.stderr.write(`netpulse: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  }
  process.exitCode = err instanceof NetpulseApiError ? 3 : 2;
});
