/** A tiny line chart of a series' recent values; no axes, for a glance at the trend. */
export function Sparkline({ values, label, width = 140, height = 32 }: { values: readonly number[]; label: string; width?: number; height?: number }) {
  const finite = values.filter(Number.isFinite);
  const pad = 3;
  if (finite.length === 0) {
    return <svg className="sparkline" width={width} height={height} role="img" aria-label={`${label}: no data yet`} />;
  }
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  const span = max - min || 1;
  const stepX = finite.length > 1 ? (width - 2 * pad) / (finite.length - 1) : 0;
  const coords = finite.map((v, i) => {
    const x = pad + i * stepX;
    const y = max === min ? height / 2 : pad + (1 - (v - min) / span) * (height - 2 * pad);
    return [Math.round(x * 10) / 10, Math.round(y * 10) / 10] as const;
  });
  const [lastX, lastY] = coords[coords.length - 1];
  return (
    <svg
      className="sparkline"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`${label}: ${finite.length} recent values from ${min} to ${max}`}
    >
      <polyline points={coords.map(([x, y]) => `${x},${y}`).join(' ')} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
      <circle cx={lastX} cy={lastY} r="2.5" fill="currentColor" />
    </svg>
  );
}
