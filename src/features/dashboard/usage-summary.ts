/**
 * Turns the caller's token_usage rows into what the dashboard draws: one entry per calendar day
 * (the browser's time zone, oldest first, days without calls included so the chart has no gaps)
 * with credits per model, and one total per model. Pure, so the chart's numbers are testable.
 */
import type { UsageRow } from './schemas';

export interface ModelUsage {
  /** `provider/model`: two providers may one day serve a model of the same name. */
  key: string;
  provider: string;
  model: string;
  credits: number;
  tokens: number;
  calls: number;
}

export interface DayUsage {
  /** `YYYY-MM-DD` in local time. */
  day: string;
  credits: number;
  calls: number;
  /** Credits per model key, only for models used that day. */
  creditsByModel: Map<string, number>;
}

export interface UsageSummary {
  days: DayUsage[];
  /** Most credits first. */
  models: ModelUsage[];
  totalCredits: number;
  totalCalls: number;
}

const pad = (value: number) => String(value).padStart(2, '0');
export const dayKey = (date: Date) =>
  `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;

/** Local midnight `days - 1` days before today: the start of a `days`-day window ending today. */
export function windowStart(days: number, now: Date = new Date()) {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() - (days - 1));
}

export function summariseUsage(
  rows: readonly UsageRow[],
  days: number,
  now: Date = new Date(),
): UsageSummary {
  const start = windowStart(days, now);
  const byDay = new Map<string, DayUsage>();
  for (let offset = 0; offset < days; offset += 1) {
    const day = dayKey(new Date(start.getFullYear(), start.getMonth(), start.getDate() + offset));
    byDay.set(day, { day, credits: 0, calls: 0, creditsByModel: new Map() });
  }

  const byModel = new Map<string, ModelUsage>();
  for (const row of rows) {
    const entry = byDay.get(dayKey(new Date(row.createdAt)));
    if (!entry) continue;
    const key = `${row.provider}/${row.model}`;
    entry.credits += row.credits;
    entry.calls += 1;
    entry.creditsByModel.set(key, (entry.creditsByModel.get(key) ?? 0) + row.credits);

    const model = byModel.get(key) ?? {
      key,
      provider: row.provider,
      model: row.model,
      credits: 0,
      tokens: 0,
      calls: 0,
    };
    model.credits += row.credits;
    model.tokens += row.tokens;
    model.calls += 1;
    byModel.set(key, model);
  }

  const models = [...byModel.values()].sort((a, b) => b.credits - a.credits || a.key.localeCompare(b.key));
  return {
    days: [...byDay.values()],
    models,
    totalCredits: models.reduce((sum, model) => sum + model.credits, 0),
    totalCalls: models.reduce((sum, model) => sum + model.calls, 0),
  };
}

export interface ChartSeries {
  /** The model keys drawn in this series' colour. */
  keys: string[];
  label: string;
}

/**
 * The chart's colours: one per model for the few that cost the most, the rest merged into
 * "Other models" — a dozen shades of one palette would be unreadable.
 */
export function chartSeries(models: readonly ModelUsage[], maxSeries = 4): ChartSeries[] {
  if (models.length <= maxSeries) return models.map((model) => ({ keys: [model.key], label: model.model }));
  const named = models.slice(0, maxSeries - 1).map((model) => ({ keys: [model.key], label: model.model }));
  return [...named, { keys: models.slice(maxSeries - 1).map((model) => model.key), label: 'Other models' }];
}

export const seriesCredits = (day: DayUsage, series: ChartSeries) =>
  series.keys.reduce((sum, key) => sum + (day.creditsByModel.get(key) ?? 0), 0);
