import { useEffect, useState } from 'react';

/** Before the first token: the answer is on its way, with the seconds it has taken so far. */
export function Thinking({ since }: { since: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  const seconds = Math.max(0, Math.floor((now - since) / 1_000));
  return (
    <p className="chat-message__thinking">
      <span className="chat-message__dots" aria-hidden="true" />
      Thinking…{seconds > 0 && <span className="chat-message__elapsed"> {seconds} s</span>}
    </p>
  );
}
