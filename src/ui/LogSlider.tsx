// A logarithmic slider with a numeric input beside it. The range input moves in log10 steps
// (keyboard arrows included); drags report start and end so simulations wait for the end.
import { useId, useState } from 'react';

interface Props {
  label: string;
  /** accessible name of the numeric field */
  numberLabel: string;
  value: number;
  min: number;
  max: number;
  /** log10 step of the range input */
  step?: number;
  integer?: boolean;
  format: (v: number) => string;
  onChange: (v: number) => void;
  onDragging?: (on: boolean) => void;
}

export function LogSlider({
  label,
  numberLabel,
  value,
  min,
  max,
  step = 0.01,
  integer,
  format,
  onChange,
  onDragging,
}: Props) {
  const id = useId();
  const [text, setText] = useState(format(value));
  // The field follows the value when it changes from outside (React's "adjust state on a prop
  // change" pattern: during render, not in an effect).
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setText(format(value));
  }
  const pos = Math.log10(Math.min(max, Math.max(min, value)));
  const commit = () => {
    const v = Number(text);
    if (Number.isFinite(v) && v > 0) onChange(integer ? Math.round(v) : v);
    else setText(format(value));
  };
  return (
    <div className="field slider-field">
      <label htmlFor={id}>{label}</label>
      <div className="slider-row">
        <input
          id={id}
          type="range"
          aria-label={label}
          aria-valuetext={format(value)}
          min={Math.log10(min)}
          max={Math.log10(max)}
          step={step}
          value={pos}
          onChange={(e) => {
            const v = 10 ** Number(e.target.value);
            onChange(integer ? Math.max(1, Math.round(v)) : Number(v.toPrecision(4)));
          }}
          onPointerDown={() => onDragging?.(true)}
          onPointerUp={() => onDragging?.(false)}
          onPointerCancel={() => onDragging?.(false)}
          onBlur={() => onDragging?.(false)}
        />
        <input
          className="num"
          type="text"
          inputMode="decimal"
          aria-label={numberLabel}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => e.key === 'Enter' && commit()}
        />
      </div>
    </div>
  );
}
