import { create } from 'zustand';
import { dropCached } from '../model/cachedFetch';
import { ModelClient, ModelLoadError } from '../model/client';
import { DEFAULT_MODEL_ID, fetchBuiltInModels } from '../model/registry';
import { pickUserModelFiles, userModelUrls, type PickedFile } from '../model/userModel';
import { forgetUserModel, listUserModels, rememberUserModel } from '../model/userModels';
import type { BuiltInSource, GenerateOptions, ModelSource, UserModelSource } from '../model/types';
import { isAggregationKind } from '../attention/types';
import { clampView, useAppStore } from './appStore';
import { parseSharedView, serializeSharedView } from './urlState';

const TYPING_PAUSE_MS = 350;

/** The models the app can offer, and what happened to the last model the user brought. */
export interface ModelLibrary {
  builtIns: BuiltInSource[];
  userModels: UserModelSource[];
  /** Why the list of built-in models could not be read, if it could not. */
  listError: string | null;
  /** Why the model the user brought did not load; the previous model is still in use. */
  userModelError: string | null;
  /** Parsing and pruning the loaded model's graph, in the worker. */
  pruneMs: number | null;
}

export const useModelLibrary = create<ModelLibrary>()(() => ({
  builtIns: [],
  userModels: [],
  listError: null,
  userModelError: null,
  pruneMs: null,
}));

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Connects the store to the inference worker: loads the chosen model on the chosen backend,
 * re-runs the model when the text changes (after a typing pause) and keeps the URL in step.
 * Models the user brings are loaded beside the current one and remembered once they run.
 */
export class ModelController {
  private client: ModelClient | null = null;
  /** The model the worker runs now. */
  private loadedModelId: string | null = null;
  /** A model the user just brought, until it loads (it is remembered only then). */
  private candidate: UserModelSource | null = null;
  private latestRun = 0;
  /** The generation in progress, if any: its text updates must not start ordinary runs. */
  private generation: number | null = null;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly unsubscribers: (() => void)[] = [];

  start(): void {
    this.client = new ModelClient();
    const shared = parseSharedView(window.location.search);
    useAppStore.setState({
      ...(shared.text !== undefined ? { text: shared.text } : {}),
      ...(shared.model ? { modelId: shared.model } : {}),
      ...(shared.layer !== undefined ? { layer: shared.layer } : {}),
      ...(shared.head !== undefined ? { head: shared.head } : {}),
      ...(shared.aggregation && isAggregationKind(shared.aggregation) ? { aggregation: shared.aggregation } : {}),
    });
    this.unsubscribers.push(
      useAppStore.subscribe((state, previous) => {
        const otherModel = state.modelId !== previous.modelId && state.modelId !== this.loadedModelId;
        if (otherModel || state.backendChoice !== previous.backendChoice) void this.load();
        if (state.text !== previous.text && this.generation === null) this.scheduleRun();
        this.writeUrl();
      }),
    );
    void this.readLibrary().then(() => this.load());
  }

  stop(): void {
    clearTimeout(this.typingTimer);
    for (const unsubscribe of this.unsubscribers) unsubscribe();
    this.client?.dispose();
    this.client = null;
  }

  /** Reads index.json (the built-in models that were generated) and the remembered user models. */
  private async readLibrary(): Promise<void> {
    const [builtIns, userModels] = await Promise.allSettled([fetchBuiltInModels(document.baseURI), listUserModels()]);
    useModelLibrary.setState({
      builtIns: builtIns.status === 'fulfilled' ? builtIns.value : [],
      listError: builtIns.status === 'rejected' ? messageOf(builtIns.reason) : null,
      // Without IndexedDB (a private window may refuse it) the app still runs, remembering nothing.
      userModels: userModels.status === 'fulfilled' ? userModels.value : [],
    });
  }

  private findSource(id: string): ModelSource | undefined {
    const { builtIns, userModels } = useModelLibrary.getState();
    const candidate = this.candidate?.id === id ? [this.candidate] : [];
    return [...builtIns, ...userModels, ...candidate].find((source) => source.id === id);
  }

  async load(): Promise<void> {
    const client = this.client;
    if (!client) return;
    const { modelId, backendChoice } = useAppStore.getState();
    const source = this.findSource(modelId) ?? this.findSource(DEFAULT_MODEL_ID) ?? useModelLibrary.getState().builtIns[0];
    if (!source) {
      const listError = useModelLibrary.getState().listError;
      useAppStore.setState({ modelStatus: 'error', modelError: listError ?? 'No models are available.' });
      return;
    }
    // An unknown id (a shared link to a model this browser does not have) falls back; the store change loads it.
    if (source.id !== modelId) {
      useAppStore.setState({ modelId: source.id });
      return;
    }
    useAppStore.setState({ modelStatus: 'loading', loadProgress: null, modelError: null });
    useModelLibrary.setState({ userModelError: null });
    try {
      const result = await client.load(source, backendChoice, (loadProgress) => useAppStore.setState({ loadProgress }));
      if (useAppStore.getState().modelId !== modelId) return;
      this.loadedModelId = modelId;
      useAppStore.setState((state) => ({
        modelStatus: 'ready',
        modelInfo: result.info,
        backend: result.backend,
        loadedFromCache: result.fromCache,
        loadMs: result.loadMs,
        loadProgress: null,
        ...clampView(state, result.info),
      }));
      useModelLibrary.setState({ pruneMs: result.pruneMs });
      if (source.kind !== 'built-in') await this.remember(source);
      await this.runNow();
    } catch (error) {
      if (useAppStore.getState().modelId !== modelId) return;
      this.loadFailed(source, error);
    }
  }

  private loadFailed(source: ModelSource, error: unknown): void {
    if (this.candidate?.id === source.id) this.candidate = null;
    const active = error instanceof ModelLoadError ? error.active : null;
    if (source.kind === 'built-in' || !active) {
      useAppStore.setState({ modelStatus: 'error', modelError: messageOf(error), loadProgress: null });
      return;
    }
    // The worker kept the model it had: go back to it, and say why the new one did not load.
    this.loadedModelId = active.info.id;
    useAppStore.setState((state) => ({
      modelId: active.info.id,
      modelStatus: 'ready',
      modelInfo: active.info,
      backend: active.backend,
      loadProgress: null,
      ...clampView(state, active.info),
    }));
    useModelLibrary.setState({ userModelError: `${source.label} could not be loaded: ${messageOf(error)}` });
  }

  private async remember(source: UserModelSource): Promise<void> {
    if (this.candidate?.id === source.id) this.candidate = null;
    const { userModels } = useModelLibrary.getState();
    if (userModels.some((model) => model.id === source.id)) return;
    useModelLibrary.setState({ userModels: [...userModels, source] });
    try {
      await rememberUserModel(source);
    } catch (error) {
      useModelLibrary.setState({ userModelError: `${source.label} is loaded but will not be remembered: ${messageOf(error)}` });
    }
  }

  /** Loads a model from files the user picked or dropped (a folder, or model.onnx with its tokenizer). */
  loadFiles(picked: readonly PickedFile[]): void {
    try {
      const { label, files } = pickUserModelFiles(picked);
      this.bring({ kind: 'files', id: `user:${crypto.randomUUID()}`, label, files });
    } catch (error) {
      useModelLibrary.setState({ userModelError: messageOf(error) });
    }
  }

  /** Loads a model folder URL in the Hugging Face layout (onnx/model.onnx and tokenizer.json). */
  loadUrl(url: string): void {
    try {
      const folder = userModelUrls(url).tokenizer.replace(/tokenizer\.json$/, '');
      const existing = useModelLibrary.getState().userModels.find((model) => model.kind === 'url' && model.url === folder);
      if (existing) useAppStore.setState({ modelId: existing.id });
      else this.bring({ kind: 'url', id: `user:${crypto.randomUUID()}`, label: new URL(folder).pathname.split('/').filter(Boolean).slice(0, 2).join('/') || folder, url: folder });
    } catch (error) {
      useModelLibrary.setState({ userModelError: messageOf(error) });
    }
  }

  private bring(source: UserModelSource): void {
    this.candidate = source;
    useAppStore.setState({ modelId: source.id });
  }

  /** Removes a remembered model; if it is the one in use, the default model takes its place. */
  async forget(id: string): Promise<void> {
    const source = useModelLibrary.getState().userModels.find((model) => model.id === id);
    if (!source) return;
    useModelLibrary.setState((state) => ({ userModels: state.userModels.filter((model) => model.id !== id) }));
    await forgetUserModel(id);
    if (source.kind === 'url') await Promise.all(userModelUrls(source.url).model.map(dropCached));
    if (useAppStore.getState().modelId === id) useAppStore.setState({ modelId: DEFAULT_MODEL_ID });
  }

  /** Runs the model on the current text at once; empty text runs nothing (the UI shows a hint). */
  async runNow(): Promise<void> {
    clearTimeout(this.typingTimer);
    const { text, modelStatus } = useAppStore.getState();
    const client = this.client;
    if (!client || modelStatus !== 'ready' || text.trim() === '') return;
    const runId = ++this.latestRun;
    useAppStore.setState({ running: true, runError: null });
    try {
      const output = await client.run(text);
      if (runId !== this.latestRun) return; // a newer run supersedes this one
      useAppStore.setState({ output, running: false });
    } catch (error) {
      if (runId === this.latestRun) useAppStore.setState({ running: false, runError: messageOf(error) });
    }
  }

  /** Continues the text with the loaded causal LM, showing the attention of every step as it grows. */
  async generate(options: GenerateOptions): Promise<void> {
    const client = this.client;
    const { text, modelStatus } = useAppStore.getState();
    if (!client || modelStatus !== 'ready' || this.generation !== null) return;
    clearTimeout(this.typingTimer);
    const runId = ++this.latestRun;
    const { requestId, done } = client.generate(text, options, (output) => {
      if (runId !== this.latestRun) return;
      useAppStore.setState({ output, text: output.generation?.text ?? text });
    });
    this.generation = requestId;
    useAppStore.setState({ generating: true, runError: null });
    try {
      await done;
    } catch (error) {
      useAppStore.setState({ runError: messageOf(error) });
    } finally {
      this.generation = null;
      useAppStore.setState({ generating: false });
    }
    // The last step's text holds one token the model has not read yet: show the whole sequence.
    await this.runNow();
  }

  stopGenerating(): void {
    if (this.generation !== null) this.client?.stop(this.generation);
  }

  private scheduleRun(): void {
    clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => void this.runNow(), TYPING_PAUSE_MS);
  }

  private writeUrl(): void {
    const { text, modelId, layer, head, aggregation } = useAppStore.getState();
    const search = serializeSharedView({ text, model: modelId, layer, head, aggregation });
    if (search !== window.location.search) window.history.replaceState(null, '', search);
  }
}
