import { Link } from 'react-router';
import { paths } from '@/config/paths';
import type { CreditBalance } from '@/lib/credit-balance';
import { formatCreditsExact } from '@/lib/credits-format';
import type { AnswerEstimate } from '../api/get-estimate';
import { answerLengths, type AnswerLength } from '../answer-length';

interface CostLineProps {
  length: AnswerLength;
  onLengthChange(length: AnswerLength): void;
  estimate: AnswerEstimate | undefined;
  balance: CreditBalance | undefined;
  disabled: boolean;
}

/**
 * Under the composer: the answer length, and what sending would hold against what is available —
 * before sending, so a refusal for credits is never a surprise. The hold is the answer's price
 * at the chosen length; the settled charge is what the answer used, and the rest is released.
 */
export function CostLine({ length, onLengthChange, estimate, balance, disabled }: CostLineProps) {
  const planMax = estimate?.plan_max_tokens;
  const tooMuch =
    estimate !== undefined && balance !== undefined && estimate.hold_credits > balance.available;
  const shorter = answerLengths.find(
    (option) => option.tokens < (estimate?.max_tokens ?? 0) && option.id !== length,
  );
  return (
    <div className="chat-cost">
      <label className="chat-cost__length">
        <span>Answer length</span>
        <select
          className="input chat-cost__select"
          value={length}
          disabled={disabled}
          onChange={(event) => onLengthChange(event.target.value as AnswerLength)}
        >
          {answerLengths.map((option) => (
            <option
              key={option.id}
              value={option.id}
              disabled={planMax !== undefined && option.tokens > planMax}
            >
              {option.label} — {option.hint}
            </option>
          ))}
        </select>
      </label>
      <p className="chat-cost__estimate" id="chat-cost-estimate">
        {estimate && (
          <>
            Up to <strong>{formatCreditsExact(estimate.hold_credits)} credits</strong> held while it answers
            {balance && <> · {formatCreditsExact(balance.available)} available</>}. You pay only what the
            answer uses.
          </>
        )}
      </p>
      {tooMuch && (
        <p className="chat-cost__warning" role="status">
          Not enough credits for a {answerLengths.find((option) => option.id === length)?.label.toLowerCase()}{' '}
          answer. {shorter ? 'Choose a shorter answer length, or ' : ''}
          <Link to={paths.billing.getHref()}>get more credits</Link>.
        </p>
      )}
    </div>
  );
}
