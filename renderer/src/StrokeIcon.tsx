/**
 * A line icon on the 16×16 grid the app's icons share: one stroked path in the current text
 * colour, hidden from assistive technology (the control it sits in carries the name).
 */
export function StrokeIcon({
  d,
  size = 16,
  strokeWidth = 1.6,
  className,
}: {
  readonly d: string;
  readonly size?: number;
  readonly strokeWidth?: number;
  readonly className?: string;
}) {
  return (
    <svg className={className} viewBox="0 0 16 16" width={size} height={size} aria-hidden="true" focusable="false">
      <path
        d={d}
        fill="none"
        stroke="currentColor"
        strokeWidth={strokeWidth}
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
