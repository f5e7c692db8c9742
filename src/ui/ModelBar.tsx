import { useAppStore } from '../store/appStore';
import type { BackendChoice } from '../model/types';
import { useModelLibrary, type ModelController } from '../store/modelController';
import { SelectField, type SelectOption } from './controls';
import { ModelLoader } from './ModelLoader';

const BACKENDS: SelectOption<BackendChoice>[] = [
  { value: 'auto', label: 'Auto' },
  { value: 'webgpu', label: 'WebGPU' },
  { value: 'wasm', label: 'WASM' },
];

function formatBytes(bytes: number): string {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(0)} kB`;
}

/**
 * Model and backend pickers (the built-in models that were generated, then the user's own), with
 * download progress, the backend that ran, load errors and the bring-your-own loader.
 */
export function ModelBar({ controller }: { controller: ModelController }) {
  const modelId = useAppStore((s) => s.modelId);
  const backendChoice = useAppStore((s) => s.backendChoice);
  const status = useAppStore((s) => s.modelStatus);
  const progress = useAppStore((s) => s.loadProgress);
  const backend = useAppStore((s) => s.backend);
  const error = useAppStore((s) => s.modelError);
  const fromCache = useAppStore((s) => s.loadedFromCache);
  const loadMs = useAppStore((s) => s.loadMs);
  const pruneMs = useModelLibrary((s) => s.pruneMs);
  const builtIns = useModelLibrary((s) => s.builtIns);
  const userModels = useModelLibrary((s) => s.userModels);
  const selectedUserModel = userModels.find((model) => model.id === modelId);
  const options = [
    ...builtIns.map((model) => ({ value: model.id, label: model.label })),
    ...userModels.map((model) => ({ value: model.id, label: `Yours: ${model.label}` })),
  ];
  // While a model the user just brought loads, the picker shows it too.
  if (!options.some((option) => option.value === modelId)) options.push({ value: modelId, label: status === 'loading' ? 'Loading your model…' : modelId });

  return (
    <div className="model-bar" role="group" aria-label="Model and backend">
      <SelectField
        label="Model"
        value={modelId}
        options={options}
        onChange={(id) => useAppStore.setState({ modelId: id })}
      />
      {selectedUserModel && (
        <button type="button" onClick={() => void controller.forget(selectedUserModel.id)}>
          Forget this model
        </button>
      )}
      <SelectField label="Backend" value={backendChoice} options={BACKENDS} onChange={(choice) => useAppStore.setState({ backendChoice: choice })} />
      {status === 'loading' && (
        <div className="load-progress" role="status" aria-live="polite">
          {progress?.stage === 'compile' ? 'Preparing the model…' : 'Downloading the model…'}
          <progress
            aria-label="Model download progress"
            max={progress?.totalBytes ?? undefined}
            value={progress?.totalBytes ? progress.loadedBytes : undefined}
          />
          {progress && (
            <span>
              {formatBytes(progress.loadedBytes)}
              {progress.totalBytes ? ` of ${formatBytes(progress.totalBytes)}` : ''}
            </span>
          )}
        </div>
      )}
      {status === 'ready' && backend && (
        <span
          className="backend-badge"
          aria-label="Active backend"
          data-backend={backend}
          title={pruneMs === null ? undefined : `Graph parsed and pruned to the attention outputs in ${pruneMs.toFixed(0)} ms`}
        >
          {backend === 'webgpu' ? 'WebGPU' : 'WASM'}
          {loadMs !== null && ` · loaded in ${(loadMs / 1000).toFixed(1)} s${fromCache ? ' from cache' : ''}`}
        </span>
      )}
      {status === 'error' && (
        <div className="error" role="alert">
          The model could not be loaded: {error}
          <button type="button" onClick={() => void controller.load()}>
            Retry
          </button>
        </div>
      )}
      <ModelLoader controller={controller} />
    </div>
  );
}
