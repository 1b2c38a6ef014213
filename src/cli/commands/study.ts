/**
 * @file `ner study NAME [--max-runs N] [--report]`: trains every run of studies/NAME.yaml that has not finished, and
 * rebuilds the study's tables and plots under studies/results/NAME/ (cli/study/runStudy.ts). Ctrl-C stops after the
 * current step; running the same command again continues where it stopped.
 */
import { parseArgs } from '../args';
import { UsageError } from '../command';
import { shown } from '../runFile';
import { runStudy } from '../study/runStudy';

export const usage = `usage: ner study NAME|FILE [--max-runs N] [--report]

Trains the runs of the study file studies/NAME.yaml (or FILE) on tfjs' wasm backend, one after the other, and
writes under studies/results/NAME/ (next to the study file):

  runs/ID/        per run (ID is VARIANT-seedSEED): result.json (written last: the run is done), metrics.csv,
                  run.yaml, checkpoint.zip; while it trains, state.bin (its last saved state)
  metrics.csv     every finished run's metrics in the studio's long form (run,wall_time,step,epoch,metric,value),
                  test/precision, test/recall, test/f1 and test/f1/TYPE included; "Import CSV log" opens it
  summary.csv     one row per finished run: dev and test scores, per-type test F1, wall time, tokens/s
  README.md       per variant, mean ± sd over seeds of dev and test F1, per-type test F1, and the difference
                  from the baseline with a 95% t-interval over paired seeds
  dev-f1.svg, train-loss.svg   curves by epoch: mean over seeds, band from the lowest to the highest seed

A finished run is never trained again; a run cut short (Ctrl-C, a killed process) continues from its last
saved state, after every evaluation and every training.save_steps steps. The study file format is in
README.md, "Studies".

  --max-runs N   train at most N runs in this session, then stop
  --report       only rebuild the tables and plots from the finished runs`;

const spec = {
  options: { 'max-runs': { type: 'string' }, report: { type: 'boolean' } },
  positionals: { name: 'study', min: 1, max: 1 },
} as const;

export async function run(args: string[]): Promise<number> {
  const { options, positionals } = parseArgs(args, spec);
  const maxRunsText = options['max-runs'];
  const maxRuns = maxRunsText === undefined ? undefined : Number(maxRunsText);
  if (maxRuns !== undefined && !(Number.isInteger(maxRuns) && maxRuns >= 0)) throw new UsageError(`--max-runs must be a whole number >= 0, not ${JSON.stringify(maxRunsText)}`);
  let stopRequested = false;
  // SIGTERM is asked to stop like Ctrl-C, as in `ner train`: the run keeps its last saved state either way.
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopRequested) process.exit(signal === 'SIGTERM' ? 143 : 130); // a second signal quits at once (128 + signal number), as the usage says
    stopRequested = true;
    process.stderr.write(`\nstopping after this step (${signal === 'SIGTERM' ? 'SIGTERM' : 'Ctrl-C'} again to quit now); run the same command to continue\n`);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const outcome = await runStudy(positionals[0], { maxRuns, reportOnly: options.report, shouldStop: () => stopRequested });
    process.stdout.write(`${outcome.finished} of ${outcome.planned} runs finished${outcome.interrupted ? ' (stopped; run the same command to continue)' : ''}; results in ${shown(outcome.outDir)}\n`);
    return outcome.interrupted ? 1 : 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
