/**
 * Credits per day as stacked SVG bars, one colour per model (the costliest few; the rest share
 * one). No chart library: a few rects are all it takes. Each day carries a <title> (the hover
 * tooltip) and the same figures are in a visually hidden table for screen readers, since an
 * image of bars says nothing to them.
 */
import { formatCredits, formatDay, formatExact } from '../format';
import { chartSeries, seriesCredits, type DayUsage, type ModelUsage } from '../usage-summary';

const slot = 10;
const barWidth = 7;
const height = 100;

export function UsageChart({ days, models }: { days: readonly DayUsage[]; models: readonly ModelUsage[] }) {
  const series = chartSeries(models);
  const max = Math.max(1, ...days.map((day) => day.credits));
  const first = days[0];
  const middle = days[Math.floor(days.length / 2)];
  const last = days.at(-1);

  return (
    <figure className="usage-chart">
      <div className="usage-chart__scale" aria-hidden="true">
        {formatCredits(max)} credits
      </div>
      <svg
        className="usage-chart__plot"
        viewBox={`0 0 ${days.length * slot} ${height}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={`Credits used per day over the last ${days.length} days, by model. The figures are in the table that follows.`}
      >
        {days.map((day, index) => {
          let top = height;
          return (
            <g key={day.day} data-day={day.day}>
              <title>{`${formatDay(day.day)}: ${formatExact(day.credits)} credits, ${day.calls} ${day.calls === 1 ? 'call' : 'calls'}`}</title>
              {/* Full-height and transparent, so hovering an empty day still shows its tooltip. */}
              <rect x={index * slot} y={0} width={slot} height={height} fill="transparent" />
              {series.map((entry, seriesIndex) => {
                const credits = seriesCredits(day, entry);
                if (credits === 0) return null;
                const barHeight = Math.max(0.5, (credits / max) * height);
                top -= barHeight;
                return (
                  <rect
                    key={entry.label}
                    className={`usage-chart__bar usage-chart__bar--${seriesIndex}`}
                    x={index * slot + (slot - barWidth) / 2}
                    y={top}
                    width={barWidth}
                    height={barHeight}
                  />
                );
              })}
            </g>
          );
        })}
      </svg>
      <div className="usage-chart__axis" aria-hidden="true">
        <span>{first && formatDay(first.day)}</span>
        <span>{middle && formatDay(middle.day)}</span>
        <span>{last && 'Today'}</span>
      </div>
      <figcaption>
        <ul className="usage-chart__legend" aria-label="Models in the chart">
          {series.map((entry, index) => (
            <li key={entry.label}>
              <span className={`usage-chart__swatch usage-chart__bar--${index}`} aria-hidden="true" />
              {entry.label}
            </li>
          ))}
        </ul>
      </figcaption>
      <table className="visually-hidden">
        <caption>Credits used per day</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Credits</th>
            <th scope="col">Calls</th>
          </tr>
        </thead>
        <tbody>
          {days.map((day) => (
            <tr key={day.day}>
              <th scope="row">{formatDay(day.day)}</th>
              <td>{formatExact(day.credits)}</td>
              <td>{day.calls}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
