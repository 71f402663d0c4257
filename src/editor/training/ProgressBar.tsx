interface ProgressBarProps {
  testId: string;
  label: string;
  /** Share done, from 0 to 1. */
  fraction: number;
  text: string;
}

/** Shows a labelled progress bar with its text on top, for training and dataset loading. */
export function ProgressBar({ testId, label, fraction, text }: ProgressBarProps) {
  const percent = Math.round(Math.min(Math.max(fraction, 0), 1) * 1000) / 10;
  return (
    <div
      className="training-progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={text}
      data-testid={testId}
    >
      <div className="training-progress-fill" style={{ width: `${percent}%` }} />
      <span className="training-progress-text">{text}</span>
    </div>
  );
}
