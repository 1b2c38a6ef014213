/**
 * @file A progress bar for assistive technology and the eye: role=progressbar with the share done as a percentage
 * (aria-valuenow 0–100) and words for it; without a share yet it is indeterminate (no aria-valuenow).
 */
export function ProgressBar({ label, fraction, text }: { label: string; fraction: number | null; text: string }) {
  const percent = fraction === null ? null : Math.round(Math.min(1, Math.max(0, fraction)) * 100);
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent ?? undefined}
      aria-valuetext={text}
      className={percent === null ? 'progress indeterminate' : 'progress'}
    >
      <div className="progress-fill" style={percent === null ? undefined : { width: `${percent}%` }} />
    </div>
  );
}
