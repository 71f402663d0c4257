import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import type { MessageKey } from '../i18n/en';
import { useT } from '../i18n/use-t';
import { drawerStore, toggleDrawer, useOpenDrawer, type Drawer } from './narrow-layout';

const headings: Record<Drawer, MessageKey> = {
  palette: 'palette.heading',
  inspector: 'inspector.heading',
  training: 'training.heading',
};

/** Shows the button that opens a side panel over the canvas, in a strip at one edge of the narrow layout. */
export function DrawerStrip({ drawer, side }: { drawer: Drawer; side: 'left' | 'right' }) {
  const t = useT();
  const open = useOpenDrawer() === drawer;
  const panel = t(headings[drawer]);

  return (
    <div className={`drawer-strip ${side}`}>
      <button
        type="button"
        className="drawer-toggle"
        data-testid={`drawer-toggle-${drawer}`}
        aria-expanded={open}
        aria-controls={`drawer-${drawer}`}
        title={open ? t('drawer.hide', { panel }) : t('drawer.show', { panel })}
        onClick={() => toggleDrawer(drawer)}
      >
        {panel}
      </button>
    </div>
  );
}

/**
 * Draws a side panel over the canvas while its drawer is open. Opening moves the
 * focus into the panel, and Escape closes it and returns the focus to its button.
 */
export function DrawerPanel({ drawer, side, children }: { drawer: Drawer; side: 'left' | 'right'; children: ReactNode }) {
  const open = useOpenDrawer() === drawer;
  const element = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (open) element.current?.focus();
  }, [open]);

  if (!open) return null;
  const closeOnEscape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    event.preventDefault();
    drawerStore.setState({ open: null });
    window.document.querySelector<HTMLElement>(`[data-testid="drawer-toggle-${drawer}"]`)?.focus();
  };
  return (
    <div ref={element} id={`drawer-${drawer}`} className={`drawer ${side}`} data-testid={`drawer-${drawer}`} tabIndex={-1} onKeyDown={closeOnEscape}>
      {children}
    </div>
  );
}
