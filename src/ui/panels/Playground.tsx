/** @file "Try a sentence": the selected run's model tags what the person types, entities highlighted by type with a confidence. */
import { useState, type ReactNode } from 'react';
import { useStudio } from '../../store';
import type { TextPrediction } from '../../worker/protocol';
import { entityClass } from '../components/entitySegments';

export function Playground() {
  const tryText = useStudio((s) => s.tryText);
  const { prediction, error, busy, text: tagged } = useStudio((s) => s.playground);
  const [text, setText] = useState('Anna Berg flew from Oslo to meet Acme Corp in Lima.');
  return (
    <div className="playground">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void tryText(text);
        }}
      >
        <label htmlFor="try-sentence">Try a sentence</label>
        <div className="row">
          <input id="try-sentence" type="text" value={text} onChange={(e) => setText(e.target.value)} />
          <button type="submit" disabled={busy}>
            Tag
          </button>
        </div>
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div role="region" aria-label="Predicted entities" aria-live="polite" aria-busy={busy}>
        {prediction ? <TaggedSentence text={tagged} prediction={prediction} /> : <p className="muted">Tag a sentence to see what the model finds.</p>}
      </div>
    </div>
  );
}

/** The sentence with entities marked; tokens are rendered as text, never as markup. */
function TaggedSentence({ text, prediction }: { text: string; prediction: TextPrediction }) {
  const { tokens, entities } = prediction;
  const pieces: ReactNode[] = [];
  let at = 0; // char position in text
  for (const [i, e] of entities.entries()) {
    const from = tokens[e.start].start;
    if (from > at) pieces.push(<span key={`o${i}`}>{text.slice(at, from)}</span>);
    pieces.push(
      <mark key={`e${i}`} className={`entity entity-${entityClass(e.type)}`} title={`${e.type}, confidence ${percent(e.confidence)}`}>
        {e.text}
        <span className="entity-label">
          {e.type} {percent(e.confidence)}
        </span>
      </mark>,
    );
    at = tokens[e.end - 1].end;
  }
  if (at < text.length) pieces.push(<span key="rest">{text.slice(at)}</span>);
  return (
    <div>
      <p className="tagged-sentence">{pieces}</p>
      {entities.length === 0 ? (
        <p className="muted">No entities found in {tokens.length} tokens.</p>
      ) : (
        <ul aria-label="Entities" className="entity-list">
          {entities.map((e, i) => (
            <li key={i}>
              <span className="entity-type">{e.type}</span> “{e.text}” — confidence {percent(e.confidence)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

const percent = (x: number) => `${Math.round(x * 100)}%`;
