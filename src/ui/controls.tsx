export interface SelectOption<T extends string | number> {
  value: T;
  label: string;
}

interface SelectFieldProps<T extends string | number> {
  label: string;
  value: T;
  options: readonly SelectOption<T>[];
  onChange: (value: T) => void;
  disabled?: boolean;
}

/** A labelled <select> whose accessible name is its label; values keep their type (string or number). */
export function SelectField<T extends string | number>({ label, value, options, onChange, disabled }: SelectFieldProps<T>) {
  return (
    <label>
      {label}
      <select
        aria-label={label}
        value={String(value)}
        disabled={disabled}
        onChange={(e) => onChange(options.find((option) => String(option.value) === e.target.value)!.value)}
      >
        {options.map((option) => (
          <option key={String(option.value)} value={String(option.value)}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Options 0..count-1 labelled by their number (layers, heads). */
export function indexOptions(count: number): SelectOption<number>[] {
  return Array.from({ length: count }, (_, index) => ({ value: index, label: String(index) }));
}
