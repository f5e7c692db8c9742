import { useState } from 'react';
import { useAppStore } from '../store/appStore';
import type { ModelController } from '../store/modelController';

interface NumberFieldProps {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  onChange: (value: number) => void;
}

function NumberField({ label, value, min, max, step, onChange }: NumberFieldProps) {
  return (
    <label>
      {label}
      <input
        type="number"
        aria-label={label}
        value={value}
        min={min}
        max={max}
        step={step}
        onChange={(e) => {
          const next = e.target.valueAsNumber;
          if (Number.isFinite(next)) onChange(Math.min(max, Math.max(min, next)));
        }}
      />
    </label>
  );
}

/** Continuing the text with a causal LM: greedy at temperature 0, else temperature and top-p sampling. */
export function GenerateControls({ controller }: { controller: ModelController }) {
  const generating = useAppStore((s) => s.generating);
  const ready = useAppStore((s) => s.modelStatus === 'ready');
  const [maxNewTokens, setMaxNewTokens] = useState(48);
  const [temperature, setTemperature] = useState(0);
  const [topP, setTopP] = useState(0.9);
  const [seed, setSeed] = useState(1);

  return (
    <div className="generate-row" role="group" aria-label="Generation">
      {generating ? (
        <button type="button" onClick={() => controller.stopGenerating()}>
          Stop
        </button>
      ) : (
        <button
          type="button"
          disabled={!ready}
          onClick={() => void controller.generate({ maxNewTokens, sampling: { temperature, topP }, seed })}
        >
          Generate
        </button>
      )}
      <NumberField label="New tokens" value={maxNewTokens} min={1} max={256} step={1} onChange={setMaxNewTokens} />
      <NumberField label="Temperature" value={temperature} min={0} max={2} step={0.1} onChange={setTemperature} />
      <NumberField label="Top-p" value={topP} min={0.05} max={1} step={0.05} onChange={setTopP} />
      <NumberField label="Seed" value={seed} min={0} max={2 ** 31 - 1} step={1} onChange={setSeed} />
      {generating && <span role="status">Generating…</span>}
    </div>
  );
}
