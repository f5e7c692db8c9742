interface SliderFieldProps {
  label: string;
  value: number;
  min: number;
  max: number;
  step?: number;
  /** The value as shown beside the slider and read out by screen readers. */
  display: string;
  onChange: (value: number) => void;
  disabled?: boolean;
  hint?: string;
}

/** A range input whose accessible name is its label, with its current value shown beside it. */
export function SliderField({ label, value, min, max, step = 1, display, onChange, disabled, hint }: SliderFieldProps) {
  return (
    <label className="slider-field">
      <span className="slider-label">{label}</span>
      <input
        type="range"
        aria-label={label}
        aria-valuetext={display}
        min={min}
        max={max}
        step={step}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(Number(e.target.value))}
      />
      <output className="slider-value">{display}</output>
      {hint && <small className="hint">{hint}</small>}
    </label>
  );
}
