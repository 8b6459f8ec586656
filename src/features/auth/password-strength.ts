/**
 * How strong a new password is, by zxcvbn (@zxcvbn-ts: offline, maintained; it knows tens of
 * thousands of common passwords, names, words, keyboard patterns and dates). A new password must
 * reach `minimumScore` ("hard to guess": about 10^8 guesses) as well as the length rule that the
 * Auth server applies (MIN_PASSWORD_LENGTH, supabase/config.toml). The dictionaries are large, so
 * they are loaded on the sign-up and reset pages only, when the first character is typed.
 */
export interface PasswordStrength {
  /** 0 (guessable in a few tries) to 4 (very hard to guess). */
  score: 0 | 1 | 2 | 3 | 4;
  /** Why it is weak, when zxcvbn says ("This is a top-100 common password."). */
  warning: string | null;
  suggestions: string[];
}

export const minimumScore = 3;
export const strengthLabels = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'] as const;

type Checker = (password: string, userInputs: string[]) => PasswordStrength;
let checker: Promise<Checker> | null = null;

export function loadPasswordChecker(): Promise<Checker> {
  checker ??= Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
  ]).then(([core, common, en]) => {
    const zxcvbn = new core.ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...en.dictionary },
      graphs: common.adjacencyGraphs,
      translations: en.translations,
    });
    return (password, userInputs) => {
      const result = zxcvbn.check(password, userInputs);
      return {
        score: result.score,
        warning: result.feedback.warning || null,
        suggestions: result.feedback.suggestions,
      };
    };
  });
  return checker;
}

/** The message under the field for a password below the minimum score. */
export const weakPasswordMessage = (strength: PasswordStrength) =>
  `Choose a stronger password${strength.warning ? `: ${strength.warning.replace(/\.$/, '')}` : ''}. A few unrelated words make a strong one.`;
