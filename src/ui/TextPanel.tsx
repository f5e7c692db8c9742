import { useAppStore } from '../store/appStore';
import type { ModelController } from '../store/modelController';
import { GenerateControls } from './GenerateControls';

/** The user's text, the Run button, and what happened on the last run (time, backend, truncation). */
export function TextPanel({ controller }: { controller: ModelController }) {
  const text = useAppStore((s) => s.text);
  const running = useAppStore((s) => s.running);
  const output = useAppStore((s) => s.output);
  const runError = useAppStore((s) => s.runError);
  const modelStatus = useAppStore((s) => s.modelStatus);
  const maxTokens = useAppStore((s) => s.modelInfo?.maxTokens);
  const generative = useAppStore((s) => s.modelInfo?.logitsOutput !== undefined);
  const generating = useAppStore((s) => s.generating);
  const empty = text.trim() === '';

  return (
    <section className="text-panel" aria-label="Text">
      <textarea
        aria-label="Input text"
        value={text}
        rows={3}
        spellCheck={false}
        readOnly={generating}
        onChange={(e) => useAppStore.setState({ text: e.target.value })}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void controller.runNow();
        }}
      />
      <div className="run-row">
        <button type="button" onClick={() => void controller.runNow()} disabled={modelStatus !== 'ready' || empty}>
          Run
        </button>
        {running && <span role="status">Running…</span>}
        {!running && output && (
          <span className="run-stats" aria-label="Inference time" data-run-id={output.requestId}>
            {output.tokens.length} tokens · {output.inferenceMs.toFixed(1)} ms on {output.backend === 'webgpu' ? 'WebGPU' : 'WASM'}
          </span>
        )}
      </div>
      {generative && <GenerateControls controller={controller} />}
      {empty && (
        <p className="hint" role="note">
          Type some text to see where the model puts its attention{generative ? ', or press Generate to let the model write' : ''}.
        </p>
      )}
      {!empty && output?.truncatedFrom != null && (
        <p className="notice" role="status">
          Your text has {output.truncatedFrom} tokens; the model reads at most {maxTokens ?? output.tokens.length}, so only
          the first {output.tokens.length} are shown.
        </p>
      )}
      {runError && (
        <p className="error" role="alert">
          The model could not run on this text: {runError}
        </p>
      )}
    </section>
  );
}
