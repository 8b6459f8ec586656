import { useState } from 'react';
import { Button } from '@/components/ui';
import { useWebhook, useWebhookMutations } from '../api/webhook';

/** The workflow's webhook URL: made or rotated here (shown once), optionally signed, revocable. */
export function WebhookPanel({ workflowId }: { workflowId: string }) {
  const hook = useWebhook(workflowId);
  const { make, revoke } = useWebhookMutations(workflowId);
  const [signed, setSigned] = useState(false);
  const made = make.data;
  const url = made ? `${window.location.origin}${made.path}` : undefined;
  return (
    <section className="wf-section" aria-labelledby="wf-webhook-title">
      <h2 id="wf-webhook-title">Webhook trigger</h2>
      <p className="wf-hint">
        POST a JSON object of the inputs to start a run. Send an Idempotency-Key header to make retries safe
        (24 h).
      </p>
      {hook.data && !made ? (
        <p className="wf-hint">
          Active: URL ending in …{hook.data.token_hint}
          {hook.data.signed ? ', signature required' : ''}.
        </p>
      ) : null}
      {made && url ? (
        <div role="status" className="wf-run__ended">
          <p>Copy these now: they are not shown again.</p>
          <p>
            URL: <code className="wf-secret">{url}</code>
          </p>
          {made.secret ? (
            <p>
              Signing secret (send <code>x-signature: sha256=HMAC-SHA256(secret, body)</code>):{' '}
              <code className="wf-secret">{made.secret}</code>
            </p>
          ) : null}
        </div>
      ) : null}
      <label className="wf-check">
        <input type="checkbox" checked={signed} onChange={(e) => setSigned(e.target.checked)} /> Require a
        signature (HMAC)
      </label>
      <div className="wf-builder__actions">
        {hook.data ? (
          <Button variant="ghost" size="sm" loading={revoke.isPending} onClick={() => revoke.mutate()}>
            Revoke
          </Button>
        ) : null}
        <Button variant="secondary" size="sm" loading={make.isPending} onClick={() => make.mutate(signed)}>
          {hook.data ? 'Rotate URL' : 'Create webhook URL'}
        </Button>
      </div>
      {make.error || revoke.error ? (
        <p className="field__error" role="alert">
          {(make.error ?? revoke.error)?.message}
        </p>
      ) : null}
    </section>
  );
}
