/** @file A tokenised sentence with the given entities marked by type. Tokens are React text, never markup. */
import type { Span } from '../../core/types';
import { entityClass, segmentTokens } from './entitySegments';

export function EntitySentence({ tokens, spans }: { tokens: readonly string[]; spans: readonly Span[] }) {
  const segments = segmentTokens(tokens, spans);
  return (
    <span className="entity-sentence">
      {segments.map((s, i) => (
        <span key={s.start}>
          {i > 0 && ' '}
          {s.type === null ? (
            s.text
          ) : (
            <mark className={`entity entity-${entityClass(s.type)}`} title={s.type}>
              {s.text}
              <span className="entity-label">{s.type}</span>
            </mark>
          )}
        </span>
      ))}
    </span>
  );
}
