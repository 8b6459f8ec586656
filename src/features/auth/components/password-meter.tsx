import { useEffect, useState } from 'react';
import {
  loadPasswordChecker,
  minimumScore,
  strengthLabels,
  type PasswordStrength,
} from '../password-strength';

/**
 * The strength of the password being typed: a meter and one line of advice. Empty until the
 * first character; the checker loads then (its dictionaries are its own chunk).
 */
export function usePasswordStrength(
  password: string,
  userInputs: readonly string[],
): PasswordStrength | null {
  const [strength, setStrength] = useState<{ password: string; result: PasswordStrength } | null>(null);
  const inputs = userInputs.join('\u0000');
  useEffect(() => {
    if (!password) return;
    let current = true;
    void loadPasswordChecker().then((check) => {
      if (current) setStrength({ password, result: check(password, inputs.split('\u0000').filter(Boolean)) });
    });
    return () => {
      current = false;
    };
  }, [password, inputs]);
  return password && strength?.password === password ? strength.result : null;
}

export function PasswordMeter({ strength, id }: { strength: PasswordStrength | null; id: string }) {
  if (!strength) return <div id={id} className="password-meter" aria-live="polite" />;
  const ok = strength.score >= minimumScore;
  return (
    <div id={id} className="password-meter" aria-live="polite">
      <meter
        className={`password-meter__bar password-meter__bar--${ok ? 'ok' : 'weak'}`}
        min={0}
        max={4}
        low={minimumScore - 0.5}
        optimum={4}
        value={strength.score}
        aria-label="How hard to guess"
      />
      <p className="password-meter__text">
        <strong>{strengthLabels[strength.score]}</strong>
        {!ok && (strength.warning ? ` — ${strength.warning}` : ' — add another word or two.')}
      </p>
    </div>
  );
}
