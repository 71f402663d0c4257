import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import './menus.css';

interface ModalDialogProps {
  /** Short name that prefixes the class (`<name>-dialog`), the title id and the test ids (`<name>-dialog`, `<name>-close`). */
  name: string;
  title: string;
  closeLabel: string;
  onClose(): void;
  /** Focuses the close button on opening; leave it false when the content focuses a field of its own. */
  focusClose?: boolean;
  children: ReactNode;
}

/**
 * Shows a modal dialog over a dimmed backdrop, with a title and a close
 * button. Escape and a press on the backdrop close it too.
 */
export function ModalDialog({ name, title, closeLabel, onClose, focusClose = false, children }: ModalDialogProps) {
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (focusClose) closeButton.current?.focus();
  }, [focusClose]);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    onClose();
  };

  return (
    <div className="overlay-backdrop dimmed" onMouseDown={(event) => event.target === event.currentTarget && onClose()} onKeyDown={onKeyDown}>
      <div className={`dialog ${name}-dialog`} role="dialog" aria-modal="true" aria-labelledby={`${name}-title`} data-testid={`${name}-dialog`}>
        <header>
          <h2 id={`${name}-title`}>{title}</h2>
          <button ref={closeButton} type="button" data-testid={`${name}-close`} onClick={onClose}>{closeLabel}</button>
        </header>
        {children}
      </div>
    </div>
  );
}
