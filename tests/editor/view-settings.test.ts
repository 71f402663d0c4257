import { afterEach, describe, expect, test } from 'vitest';
import { divergingColour, palettes } from '../../src/editor/palette/palette';
import { defaultViewSettings, readViewSettings, viewSettingsStore, viewStorageKeys } from '../../src/editor/projector/view-settings';
import { openLink } from '../../src/editor/share/open-link';
import { defaultShareOptions, shareFragment } from '../../src/editor/share/share-link';
import { createEditorStore } from '../../src/editor/store/store';
import { classColour } from '../../src/editor/training/boundary';
import { templateImage } from '../../src/editor/training/templates';
import { decodeLink } from '../../src/engine/link';
import { registry } from '../../src/nodes';
import { findPreset } from '../../src/presets';

afterEach(() => viewSettingsStore.setState(defaultViewSettings));

function storage(entries: Record<string, string>) {
  return { getItem: (key: string) => entries[key] ?? null, setItem: (key: string, value: string) => void (entries[key] = value) };
}

describe('view settings', () => {
  test('saved settings are read back', () => {
    expect(readViewSettings(storage({ [viewStorageKeys.projector]: 'on', [viewStorageKeys.palette]: 'colour-blind' }))).toStrictEqual({ projector: true, palette: 'colour-blind' });
  });

  test('unknown saved palette keeps the default', () => {
    expect(readViewSettings(storage({ [viewStorageKeys.palette]: 'neon' }))).toStrictEqual(defaultViewSettings);
  });

  test('projector option travels in the link', () => {
    const document = findPreset('add-mul')!.build();
    const fragment = shareFragment({ document, cursor: 0, weights: null }, { ...defaultShareOptions, projector: true });
    const decoded = decodeLink(fragment, registry);
    if (!decoded.ok) return expect.fail(decoded.message);
    expect(decoded.lecture).toStrictEqual({ projector: true });

    openLink(createEditorStore(), fragment);
    expect(viewSettingsStore.getState().projector).toBe(true);
  });
});

describe('colour-blind palette', () => {
  test('weight templates turn blue and orange', () => {
    viewSettingsStore.setState({ palette: 'colour-blind' });
    // Column 0 of a [784, 1] matrix: +1 at pixel 0, −1 at pixel 1, 0.5 at pixel 2, so the scale is 1.
    const data = new Array(784).fill(0);
    data[0] = 1;
    data[1] = -1;
    data[2] = 0.5;
    const image = templateImage({ shape: [784, 1], data }, 0);
    expect([...image.subarray(0, 4)]).toStrictEqual([230, 159, 0, 255]);
    expect([...image.subarray(4, 8)]).toStrictEqual([0, 114, 178, 255]);
    // Halfway from white (255) to orange: 255 + (230 − 255) / 2 = 242.5, 255 + (159 − 255) / 2 = 207, 255 + (0 − 255) / 2 = 127.5.
    expect([...image.subarray(8, 11)]).toStrictEqual([242, 207, 128]);
  });

  test('class colours follow the palette', () => {
    expect(classColour(1)).toStrictEqual([217, 113, 28]);
    viewSettingsStore.setState({ palette: 'colour-blind' });
    expect(classColour(1)).toStrictEqual([230, 159, 0]);
    expect(classColour(11)).toStrictEqual(classColour(1));
  });

  test('non-finite values are magenta on every palette', () => {
    expect(divergingColour(palettes['colour-blind'], Number.NaN, 1)).toStrictEqual([200, 0, 200]);
    expect(divergingColour(palettes.standard, 0, 1)).toStrictEqual([255, 255, 255]);
  });
});
