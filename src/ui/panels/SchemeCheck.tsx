/** @file The tag scheme check: which scheme the tags follow and every kind of slip found, with the first few places. */
import type { SchemeIssueKind } from '../../core/tags/schemeCheck';
import type { SchemeReport } from './schemeFindings';

const KINDS: Record<SchemeIssueKind, string> = {
  unknownTag: 'tags that fit no scheme',
  mixedScheme: 'tags from another scheme',
  typeChange: 'entities that change type part-way',
  noBegin: 'entities that open with I- instead of B-',
  strayBegin: 'B- tags not between two entities of one type',
  noStart: 'entities with no start',
  unclosed: 'entities never closed',
};

export function SchemeCheck({ report }: { report: SchemeReport }) {
  if (report.total === 0) {
    return <p>All tags follow {report.scheme}: no scheme problems found.</p>;
  }
  const kinds = Object.entries(report.byKind) as [SchemeIssueKind, number][];
  return (
    <div>
      <p>
        The tags read as {report.scheme}; {report.total} tag{report.total === 1 ? '' : 's'} break it:
      </p>
      <ul aria-label="Scheme problems by kind">
        {kinds.map(([kind, n]) => (
          <li key={kind}>
            {n} {KINDS[kind]}
          </li>
        ))}
      </ul>
      <details>
        <summary>
          {report.examples.length < report.total ? `The first ${report.examples.length} places` : 'Where they are'}
        </summary>
        <ul className="diagnostics" aria-label="Scheme findings">
          {report.examples.map((f) => (
            <li key={`${f.split}-${f.sentence}-${f.token}-${f.kind}`} className="warning">
              {f.split} sentence {f.sentence + 1}, token {f.token + 1} {f.message}
              {f.repairable ? ' (repairable)' : ''}
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}
