/**
 * @file A run's colour and name; pressing the name selects the run. Renaming happens here, in place: the name turns
 * into a text box (Enter keeps, Escape cancels), and a refused name says why without losing what was typed.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useStudio } from '../../store';
import type { RunRecord } from '../../store/runRecord';
import { useRunColours } from '../theme/useChartTheme';
import { RunSwatch } from './RunSwatch';

export function RunNameCell({ run }: { run: RunRecord }) {
  const selected = useStudio((s) => s.selectedRunId === run.id);
  const renaming = useStudio((s) => s.renamingRunId === run.id);
  const selectRun = useStudio((s) => s.selectRun);
  const setRenaming = useStudio((s) => s.setRenaming);
  const colourOf = useRunColours();
  // After renaming with the keyboard, focus goes back to the name rather than to the page's start.
  const name = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);
  useEffect(() => {
    if (!renaming && refocus.current) name.current?.focus();
    refocus.current = false;
  }, [renaming]);
  return (
    <span className="run-name">
      <RunSwatch colour={colourOf(run)} />
      {renaming ? (
        <RenameField
          run={run}
          onDone={(viaKeyboard) => {
            refocus.current = viaKeyboard;
            setRenaming(null);
          }}
        />
      ) : (
        <button
          ref={name}
          type="button"
          className="link"
          aria-pressed={selected}
          title={run.name}
          onClick={() => selectRun(run.id)}
          onDoubleClick={() => {
            selectRun(run.id);
            setRenaming(run.id);
          }}
        >
          {run.name}
        </button>
      )}
    </span>
  );
}

function RenameField({ run, onDone }: { run: RunRecord; onDone: (viaKeyboard: boolean) => void }) {
  const renameRun = useStudio((s) => s.renameRun);
  const [text, setText] = useState(run.name);
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();
  const commit = (viaKeyboard: boolean) => {
    const refused = renameRun(run.id, text);
    if (refused) setProblem(refused);
    else onDone(viaKeyboard);
  };
  return (
    <span className="rename">
      <input
        type="text"
        aria-label={`New name for ${run.name}`}
        value={text}
        autoFocus
        onFocus={(e) => e.target.select()}
        aria-invalid={problem !== null}
        aria-describedby={problem ? id : undefined}
        onChange={(e) => {
          setText(e.target.value);
          setProblem(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit(true);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            onDone(true);
          }
        }}
        onBlur={() => (text.trim() === run.name ? onDone(false) : commit(false))}
      />
      {problem && (
        <span id={id} role="alert" className="error">
          {problem}
        </span>
      )}
    </span>
  );
}
