import { formatCount, formatCredits, formatExact } from '../format';
import type { ModelUsage } from '../usage-summary';

export function UsageByModelTable({ models }: { models: readonly ModelUsage[] }) {
  return (
    <div className="dashboard-table-scroll">
      <table className="dashboard-table">
        <caption>Usage by model</caption>
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col" className="numeric">
              Credits
            </th>
            <th scope="col" className="numeric">
              Tokens
            </th>
            <th scope="col" className="numeric">
              Calls
            </th>
          </tr>
        </thead>
        <tbody>
          {models.map((model) => (
            <tr key={model.key}>
              <th scope="row">
                {model.model} <span className="dashboard-muted">{model.provider}</span>
              </th>
              <td className="numeric" title={`${formatExact(model.credits)} credits`}>
                {formatCredits(model.credits)}
              </td>
              <td className="numeric" title={`${formatExact(model.tokens)} tokens`}>
                {formatCount(model.tokens)}
              </td>
              <td className="numeric">{formatExact(model.calls)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
