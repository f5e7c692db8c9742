import { ModelClient } from '../model/client';
import { DEFAULT_MODEL_ID, findBuiltInModel } from '../model/registry';
import type { GenerateOptions, ModelSource } from '../model/types';
import { isAggregationKind } from '../attention/types';
import { clampView, useAppStore } from './appStore';
import { parseSharedView, serializeSharedView } from './urlState';

const TYPING_PAUSE_MS = 350;

/**
 * Connects the store to the inference worker: loads the chosen model on the chosen backend,
 * re-runs the model when the text changes (after a typing pause) and keeps the URL in step.
 */
export class ModelController {
  private client: ModelClient | null = null;
  private latestRun = 0;
  /** The generation in progress, if any: its text updates must not start ordinary runs. */
  private generation: number | null = null;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly unsubscribers: (() => void)[] = [];

  constructor(private readonly resolveSource: (id: string) => ModelSource | undefined = findBuiltInModel) {}

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
        if (state.modelId !== previous.modelId || state.backendChoice !== previous.backendChoice) void this.load();
        if (state.text !== previous.text && this.generation === null) this.scheduleRun();
        this.writeUrl();
      }),
    );
    void this.load();
  }

  stop(): void {
    clearTimeout(this.typingTimer);
    for (const unsubscribe of this.unsubscribers) unsubscribe();
    this.client?.dispose();
    this.client = null;
  }

  async load(): Promise<void> {
    const client = this.client;
    if (!client) return;
    const { modelId, backendChoice } = useAppStore.getState();
    const source = this.resolveSource(modelId) ?? this.resolveSource(DEFAULT_MODEL_ID)!;
    useAppStore.setState({ modelStatus: 'loading', loadProgress: null, modelError: null });
    try {
      const result = await client.load(source, backendChoice, (loadProgress) => useAppStore.setState({ loadProgress }));
      if (useAppStore.getState().modelId !== modelId) return;
      useAppStore.setState((state) => ({
        modelStatus: 'ready',
        modelInfo: result.info,
        backend: result.backend,
        loadedFromCache: result.fromCache,
        loadMs: result.loadMs,
        loadProgress: null,
        ...clampView(state, result.info),
      }));
      await this.runNow();
    } catch (error) {
      useAppStore.setState({ modelStatus: 'error', modelError: messageOf(error), loadProgress: null });
    }
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

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
