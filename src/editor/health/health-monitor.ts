import { createStore, type StoreApi } from 'zustand/vanilla';
import { measureHealth, type LayerHealth } from '../../engine/health/metrics';
import { explainNonFinite, type NonFiniteExplanation } from '../../engine/health/non-finite';
import type { EditorStore } from '../store/store';
import type { TrainingController } from '../training/controller';
import type { TrainingSnapshot } from '../training/training-state';

/** The health of every layer at one training step. */
export interface HealthSample {
  /** Training steps taken when the sample was measured; 0 is the initial weights. */
  step: number;
  layers: LayerHealth[];
}

export interface HealthState {
  /** Samples taken while training, oldest first; cleared when the trainer is rebuilt or reset. */
  samples: readonly HealthSample[];
  /** The layers' health the graph shows: the newest training sample, or else the editor's own trace. */
  current: readonly LayerHealth[];
  /** The first NaN or infinity of the trace on the canvas, explained, or null when every value is finite. */
  explanation: NonFiniteExplanation | null;
  /** Take a sample every this many training steps. */
  sampleEvery: number;
}

/** Examples per health sample: enough that a unit dead on every one of them is very likely dead on the data. */
export const HEALTH_EXAMPLES = 64;
/** Samples kept per run; older ones are thinned to every second one, so long runs keep their whole span. */
export const MAX_SAMPLES = 400;

export const SAMPLE_EVERY_CHOICES = [1, 5, 10, 25, 100] as const;

const initialHealth: HealthState = { samples: [], current: [], explanation: null, sampleEvery: 10 };

/**
 * Measures per-layer health signals. While the training controller trains, it
 * takes a sample every `sampleEvery` steps on HEALTH_EXAMPLES examples of the
 * current batch position, a pass on the backend that reads back a few numbers
 * per layer. Otherwise it measures the trace the editor shows. It explains the
 * first NaN or infinity of whatever trace is on the canvas. Samples are taken
 * in their own timer callback, after the training slice that reached the
 * step, so a slice never grows by a sample.
 */
export class HealthMonitor {
  readonly store: StoreApi<HealthState> = createStore<HealthState>()(() => initialHealth);
  private sampledStep = -1;
  private pending: ReturnType<typeof setTimeout> | null = null;

  /** Follows the editor's trace and the controller's steps; returns a function that stops following. */
  attach(editor: StoreApi<EditorStore>, training: TrainingController): () => void {
    const onEditor = (state: EditorStore, previous?: EditorStore) => {
      if (previous && state.trace === previous.trace && state.document === previous.document) return;
      this.onTrace(state, training);
    };
    const onTraining = (snapshot: TrainingSnapshot, previous: TrainingSnapshot) => this.onTraining(snapshot, previous, editor, training);
    onEditor(editor.getState());
    const stopEditor = editor.subscribe(onEditor);
    const stopTraining = training.store.subscribe(onTraining);
    return () => {
      stopEditor();
      stopTraining();
      if (this.pending) clearTimeout(this.pending);
      this.pending = null;
    };
  }

  setSampleEvery(steps: number): void {
    if (Number.isInteger(steps) && steps >= 1) this.store.setState({ sampleEvery: steps });
  }

  private onTrace(state: EditorStore, training: TrainingController): void {
    const program = state.program;
    const trace = state.trace;
    if (!program || !trace) {
      this.store.setState({ explanation: null, ...(this.store.getState().samples.length === 0 ? { current: [] } : {}) });
      return;
    }
    const stop = training.snapshot.stop;
    const context = stop ? { optimizer: stop.optimizer, learningRate: stop.learningRate } : undefined;
    const explanation = explainNonFinite(program, trace, context);
    const fromTraining = this.store.getState().samples.length > 0;
    this.store.setState({ explanation, ...(fromTraining ? {} : { current: measureHealth(program, trace) }) });
  }

  private onTraining(snapshot: TrainingSnapshot, previous: TrainingSnapshot, editor: StoreApi<EditorStore>, training: TrainingController): void {
    const rebuilt = snapshot.phase !== previous.phase && (snapshot.phase === 'loading' || snapshot.phase === 'off' || snapshot.phase === 'failed');
    if (rebuilt || snapshot.steps < this.sampledStep) this.clearSamples(editor);
    if (snapshot.phase !== 'ready' && snapshot.phase !== 'running') return;
    const due = this.sampledStep < 0 || snapshot.steps - this.sampledStep >= this.store.getState().sampleEvery;
    if (!due || snapshot.stop || this.pending) return;
    this.pending = setTimeout(() => {
      this.pending = null;
      this.sample(training);
    }, 0);
  }

  private sample(training: TrainingController): void {
    const step = training.snapshot.steps;
    if (step === this.sampledStep) return;
    const layers = training.measureHealth(HEALTH_EXAMPLES);
    if (!layers) return;
    this.sampledStep = step;
    const samples = thin([...this.store.getState().samples, { step, layers }]);
    this.store.setState({ samples, current: layers });
  }

  private clearSamples(editor: StoreApi<EditorStore>): void {
    this.sampledStep = -1;
    this.store.setState({ samples: [] });
    const state = editor.getState();
    this.store.setState({ current: state.program && state.trace ? measureHealth(state.program, state.trace) : [] });
  }
}

/** Halves the samples, keeping the first, every second one and the newest, once there are more than MAX_SAMPLES. */
function thin(samples: HealthSample[]): HealthSample[] {
  if (samples.length <= MAX_SAMPLES) return samples;
  return samples.filter((_sample, index) => index % 2 === 0 || index === samples.length - 1);
}
