/**
 * Market engine command line.
 *   npm run --silent market -- replay FILE   (FILE "-" reads standard input)
 * reads one JSON action per line and prints the resulting events, one JSON object per line.
 * Exit code 0 unless the file cannot be read (1) or the command is wrong (2).
 */
import { readFileSync } from 'node:fs';
import { replayJsonLines } from '../src/market/replayCli.ts';

const USAGE = 'usage: npm run --silent market -- replay FILE   (one JSON action per line; FILE - reads stdin)';

function main(args: string[]): number {
  const [command, file, ...extra] = args;
  if (command !== 'replay' || file === undefined || extra.length > 0) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    process.stderr.write(`cannot read ${file}: ${(error as Error).message}\n`);
    return 1;
  }
  // Output is buffered in chunks: one write per event would dominate the run time.
  let chunk: string[] = [];
  replayJsonLines(text, (line) => {
    chunk.push(line);
    if (chunk.length === 4096) {
      process.stdout.write(`${chunk.join('\n')}\n`);
      chunk = [];
    }
  });
  if (chunk.length > 0) process.stdout.write(`${chunk.join('\n')}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
