import { render, screen } from '@testing-library/react';
import { expect, it } from 'vitest';
import { Field } from './field';
import { Input } from './input';
import { Select } from './select';

it('labels the control and links its hint and error with aria-describedby', () => {
  render(
    <Field label="Work e-mail" hint="We send receipts here." error="Enter a valid e-mail address." required>
      <Input type="email" />
    </Field>,
  );
  const input = screen.getByRole('textbox', { name: /Work e-mail/ });
  expect(input.getAttribute('aria-invalid')).toBe('true');
  expect(input.hasAttribute('required')).toBe(true);
  const describedBy = (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent);
  expect(describedBy).toEqual(['We send receipts here.', 'Enter a valid e-mail address.']);
});

it('leaves a valid control unmarked', () => {
  render(
    <Field label="Category">
      <Select options={[{ value: 'engineering', label: 'Engineering' }]} placeholder="All categories" />
    </Field>,
  );
  const select = screen.getByRole('combobox', { name: 'Category' });
  expect(select.hasAttribute('aria-invalid')).toBe(false);
  expect(select.hasAttribute('aria-describedby')).toBe(false);
});
