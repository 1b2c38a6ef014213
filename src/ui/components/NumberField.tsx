/** @file A labelled number input that keeps what the person types until it parses. */
import { useEffect, useId, useState } from 'react';

interface Props {
  label: string;
  value: number;
  min?: number;
  step?: number;
  hint?: string;
  onChange: (value: number) => void;
}

export function NumberField({ label, value, min, step, hint, onChange }: Props) {
  const id = useId();
  const [text, setText] = useState(String(value));
  // Only an outside change of value overwrites what is typed ("0." stays while it parses as 0).
  useEffect(() => setText((t) => (Number(t) === value ? t : String(value))), [value]);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        value={text}
        min={min}
        step={step}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(e) => {
          setText(e.target.value);
          if (e.target.value.trim() !== '') onChange(Number(e.target.value));
        }}
      />
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
    </div>
  );
}
