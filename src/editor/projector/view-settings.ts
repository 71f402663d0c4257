import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { isPaletteName, palettes, type Palette, type PaletteName } from '../palette/palette';
import type { KeyValueStorage } from '../store/persistence';

/** Drawing settings of the editor, independent of the document: kept per browser, never in files or undo. */
export interface ViewSettings {
  /** Large type, high contrast, and the active node followed during playback. */
  projector: boolean;
  palette: PaletteName;
}

export const viewStorageKeys = {
  projector: 'backprop-studio.projector',
  palette: 'backprop-studio.palette',
} as const;

export const defaultViewSettings: ViewSettings = { projector: false, palette: 'standard' };

export const viewSettingsStore = createStore<ViewSettings>()(() => defaultViewSettings);

export function useViewSettings<T>(select: (state: ViewSettings) => T): T {
  return useStore(viewSettingsStore, select);
}

/** Returns the palette in use, for drawing code outside React; components use usePalette to redraw on a change. */
export function currentPalette(): Palette {
  return palettes[viewSettingsStore.getState().palette];
}

/** Returns the palette in use and re-renders the component when it changes. */
export function usePalette(): Palette {
  return palettes[useViewSettings((state) => state.palette)];
}

/** Reads the saved settings; a missing, unreadable or unknown value keeps its default. */
export function readViewSettings(storage: KeyValueStorage): ViewSettings {
  const read = (key: string) => {
    try {
      return storage.getItem(key);
    } catch {
      return null;
    }
  };
  const palette = read(viewStorageKeys.palette);
  return { projector: read(viewStorageKeys.projector) === 'on', palette: isPaletteName(palette) ? palette : defaultViewSettings.palette };
}

/**
 * Loads the saved settings into the store, saves every later change, and
 * mirrors them onto the root element as data-projector and data-palette for
 * the stylesheets. Returns a function that stops saving.
 */
export function startViewSettings(storage: KeyValueStorage, root: HTMLElement): () => void {
  viewSettingsStore.setState(readViewSettings(storage));
  const apply = (settings: ViewSettings) => {
    root.dataset.projector = settings.projector ? 'on' : 'off';
    root.dataset.palette = settings.palette;
  };
  apply(viewSettingsStore.getState());
  return viewSettingsStore.subscribe((settings, previous) => {
    apply(settings);
    try {
      if (settings.projector !== previous.projector) storage.setItem(viewStorageKeys.projector, settings.projector ? 'on' : 'off');
      if (settings.palette !== previous.palette) storage.setItem(viewStorageKeys.palette, settings.palette);
    } catch {
      // NOTE: a browser that refuses storage keeps the setting for this page only.
    }
  });
}
