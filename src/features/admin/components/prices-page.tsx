import { useState } from 'react';
import { Button, Field, Input, Select, useToast } from '@/components/ui';
import { useDocumentTitle } from '@/lib/use-document-title';
import { llmProviderNames, type LlmProviderName } from '@/shared/llm-contract';
import { useAddPrice, usePrices, useRetireModel } from '../api/admin-api';
import { formatWhen } from '../format';
import { QueryView } from './query-view';

const providerOptions = llmProviderNames.map((name) => ({ value: name, label: name }));
/** The form takes US$ per 1M tokens; the price list stores credits per 1M tokens (× 1,000,000). */
const toRate = (usd: string) => Math.round(Number(usd) * 1_000_000);
const localNow = () => new Date(Date.now() + 60_000).toISOString().slice(0, 16);

function AddPriceForm() {
  const toast = useToast();
  const add = useAddPrice();
  const [provider, setProvider] = useState<LlmProviderName>('openai');
  const [model, setModel] = useState('');
  const [input, setInput] = useState('');
  const [output, setOutput] = useState('');
  const [cached, setCached] = useState('');
  const [from, setFrom] = useState(localNow());
  return (
    <form
      className="admin-form"
      aria-label="Add a price"
      onSubmit={(event) => {
        event.preventDefault();
        add.mutate(
          {
            provider,
            model: model.trim(),
            displayName: model.trim(),
            inputRate: toRate(input),
            outputRate: toRate(output),
            cachedInputRate: toRate(cached || '0'),
            contextWindow: null,
            effectiveFrom: new Date(`${from}Z`).toISOString(),
          },
          {
            onSuccess: () => toast.success('Price added', `${provider}/${model} from ${from} UTC.`),
            onError: (error) => toast.error(error, 'The price was not added'),
          },
        );
      }}
    >
      <h2>Add a price from a date</h2>
      <div className="admin-form__row">
        <Field label="Provider">
          <Select
            options={providerOptions}
            value={provider}
            onValueChange={(value) => value && setProvider(value)}
          />
        </Field>
        <Field label="Model">
          <Input value={model} onChange={(event) => setModel(event.target.value)} />
        </Field>
        <Field label="From (UTC)">
          <Input type="datetime-local" value={from} onChange={(event) => setFrom(event.target.value)} />
        </Field>
      </div>
      <div className="admin-form__row">
        <Field label="Input $ / 1M tokens">
          <Input inputMode="decimal" value={input} onChange={(event) => setInput(event.target.value)} />
        </Field>
        <Field label="Output $ / 1M tokens">
          <Input inputMode="decimal" value={output} onChange={(event) => setOutput(event.target.value)} />
        </Field>
        <Field label="Cached input $ / 1M tokens">
          <Input inputMode="decimal" value={cached} onChange={(event) => setCached(event.target.value)} />
        </Field>
        <Button
          type="submit"
          loading={add.isPending}
          disabled={!model.trim() || input === '' || output === ''}
        >
          Add price
        </Button>
      </div>
    </form>
  );
}

function RetireForm() {
  const toast = useToast();
  const retire = useRetireModel();
  const [provider, setProvider] = useState<LlmProviderName>('openai');
  const [model, setModel] = useState('');
  const [at, setAt] = useState(localNow());
  return (
    <form
      className="admin-form"
      aria-label="Retire a model"
      onSubmit={(event) => {
        event.preventDefault();
        retire.mutate(
          { provider, model: model.trim(), retireAt: new Date(`${at}Z`).toISOString() },
          {
            onSuccess: () =>
              toast.success(
                'Model retired',
                `${provider}/${model} answers "retired" from ${at} UTC; pinned hires were told.`,
              ),
            onError: (error) => toast.error(error, 'The model was not retired'),
          },
        );
      }}
    >
      <h2>Retire a model</h2>
      <div className="admin-form__row">
        <Field label="Provider">
          <Select
            options={providerOptions}
            value={provider}
            onValueChange={(value) => value && setProvider(value)}
          />
        </Field>
        <Field label="Model">
          <Input value={model} onChange={(event) => setModel(event.target.value)} />
        </Field>
        <Field label="Retire at (UTC)">
          <Input type="datetime-local" value={at} onChange={(event) => setAt(event.target.value)} />
        </Field>
        <Button type="submit" variant="danger" loading={retire.isPending} disabled={!model.trim()}>
          Retire
        </Button>
      </div>
    </form>
  );
}

const usd = (credits: number) => `$${(credits / 1_000_000).toFixed(3)}`;

/** The effective-dated price list: every row, its status and the hires pinned to its model. */
export function PricesPage() {
  useDocumentTitle('Prices · Admin');
  const prices = usePrices();
  return (
    <>
      <header className="page-header">
        <h1>Model prices</h1>
        <p className="page-header__lead">US$ per 1M tokens (1,000,000 credits = US$1).</p>
      </header>
      <AddPriceForm />
      <RetireForm />
      <QueryView query={prices} what="The price list">
        {(rows) => (
          <table className="admin-table">
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col" className="num">
                  Input
                </th>
                <th scope="col" className="num">
                  Output
                </th>
                <th scope="col" className="num">
                  Cached
                </th>
                <th scope="col">From</th>
                <th scope="col">Until</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Pinned hires
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td>
                    {row.provider}/{row.model}
                  </td>
                  <td className="num">{usd(row.inputRate)}</td>
                  <td className="num">{usd(row.outputRate)}</td>
                  <td className="num">{usd(row.cachedInputRate)}</td>
                  <td>{formatWhen(row.effectiveFrom)}</td>
                  <td>{formatWhen(row.effectiveTo)}</td>
                  <td>{row.status}</td>
                  <td className="num">{row.pinnedHires}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryView>
    </>
  );
}
