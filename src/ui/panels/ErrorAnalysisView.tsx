/** @file Where the selected run's model goes wrong on dev: error buckets with examples, and the token confusion matrix. */
import { useMemo, useState } from 'react';
import { TableScroll } from '../components/TableScroll';
import { analyzeErrors, ERROR_BUCKETS, type ErrorAnalysis, type ErrorBucket } from '../../core/metrics/errorAnalysis';
import type { DevAnalysis } from '../../store/runs';
import { EntitySentence } from '../components/EntitySentence';
import { Heatmap } from '../components/Heatmap';
import { Pager } from '../components/Pager';
import { useSelectedRun } from '../useSelectedRun';
import { BUCKET_NAMES, bucketCountText, casesIn, entityTotals, tokenAccuracy, topConfusions } from './errorExamples';
import { pageOf } from './sentenceSearch';

const PAGE_SIZE = 10;

export function ErrorAnalysisView() {
  const run = useSelectedRun();
  if (!run) return <p className="muted">Select a run to see where its model goes wrong.</p>;
  if (!run.devAnalysis) {
    return (
      <p className="muted">
        Error analysis is not available for {run.name}: it has no dev set predictions. They are recorded when a run finishes.
      </p>
    );
  }
  return <ErrorDetails key={run.id} dev={run.devAnalysis} />;
}

function ErrorDetails({ dev }: { dev: DevAnalysis }) {
  const result = useMemo(() => {
    try {
      return { analysis: analyzeErrors(dev.gold, dev.pred) };
    } catch (e) {
      return { error: (e as Error).message };
    }
  }, [dev]);
  if (!result.analysis) return <p className="error">Could not analyse the dev predictions: {result.error}</p>;
  return (
    <div className="error-analysis">
      <Buckets analysis={result.analysis} tokens={dev.tokens} />
      <Confusion analysis={result.analysis} />
    </div>
  );
}

function Buckets({ analysis, tokens }: { analysis: ErrorAnalysis; tokens: string[][] }) {
  const firstError = ERROR_BUCKETS.find((b) => b !== 'correct' && analysis.counts[b].gold + analysis.counts[b].pred > 0);
  const [bucket, setBucket] = useState<ErrorBucket>(firstError ?? 'correct');
  const [page, setPage] = useState(0);
  const totals = entityTotals(analysis.counts);
  const shown = pageOf(casesIn(analysis, bucket), page, PAGE_SIZE);
  return (
    <div>
      <p className="error-totals" data-gold={totals.gold} data-pred={totals.pred}>
        Dev set: {tokens.length} sentences, {totals.gold} gold entities, {totals.pred} predicted. Each entity falls in one bucket.
      </p>
      <div role="group" aria-label="Error buckets" className="bucket-buttons">
        {ERROR_BUCKETS.map((b) => (
          <button
            key={b}
            type="button"
            aria-pressed={b === bucket}
            data-bucket={b}
            data-gold={analysis.counts[b].gold}
            data-pred={analysis.counts[b].pred}
            onClick={() => {
              setBucket(b);
              setPage(0);
            }}
          >
            {BUCKET_NAMES[b]} <span className="bucket-count">{bucketCountText(analysis.counts[b])}</span>
          </button>
        ))}
      </div>
      {shown.items.length === 0 ? (
        <p className="muted">No {BUCKET_NAMES[bucket].toLowerCase()} entities.</p>
      ) : (
        <TableScroll label={`${BUCKET_NAMES[bucket]} examples`}>
          <table aria-label={`${BUCKET_NAMES[bucket]} examples`} className="error-examples">
            <thead>
              <tr>
                <th scope="col">Sentence</th>
                <th scope="col">Gold</th>
                <th scope="col">Predicted</th>
              </tr>
            </thead>
            <tbody>
              {shown.items.map((c) => (
                <tr key={`${c.sentence}-${(c.gold[0] ?? c.pred[0]).start}`}>
                  <th scope="row">dev #{c.sentence + 1}</th>
                  <td>
                    <EntitySentence tokens={tokens[c.sentence]} spans={c.gold} />
                  </td>
                  <td>
                    <EntitySentence tokens={tokens[c.sentence]} spans={c.pred} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <Pager label={`${BUCKET_NAMES[bucket]} example pages`} page={shown.page} pages={shown.pages} onPage={setPage} />
    </div>
  );
}

function Confusion({ analysis }: { analysis: ErrorAnalysis }) {
  const { labels, matrix } = analysis.confusion;
  const accuracy = tokenAccuracy(analysis.confusion);
  const worst = topConfusions(analysis.confusion);
  const summary =
    `Tokens by gold tag (rows) and predicted tag (columns), darker for more, on a log scale. ` +
    (accuracy === null ? 'No tokens.' : `Token accuracy ${(accuracy * 100).toFixed(1)}%. `) +
    (worst.length === 0 ? 'No token is mistaken.' : `Most mistaken: ${worst.map((w) => `${w.gold} as ${w.pred} (${w.count})`).join(', ')}.`);
  return (
    <>
      <h3>Token confusion</h3>
      <Heatmap name="Confusion matrix" summary={summary} rowLabels={labels} colLabels={labels} values={matrix} rowTitle="Gold" colTitle="Predicted" log />
    </>
  );
}
