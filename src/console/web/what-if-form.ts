import { checkVin } from '../../domain/vin.ts';
import { usStateCodes, usStates } from '../../domain/us-states.ts';
import type { ReturnCase } from './api-types.ts';
import { h } from './dom.ts';
import { intentLabels, pickupPartyLabels } from './messages.ts';

/** The body of POST /api/v1/decisions, built from the form (the same fields as the API). */
export interface DecisionRequestBody {
  state: string;
  maturityDate: string;
  returnDate: string;
  intent: string;
  hasAvrmAccess: boolean;
  vin?: string;
  pickup?: { by: string; proofOfSale?: boolean; billOfLading?: boolean };
  lesseeWantsToPurchase?: boolean;
  dealerWantsToPurchase?: boolean;
}

export interface WhatIfForm {
  element: HTMLFormElement;
  read(): { ok: true; body: DecisionRequestBody } | { ok: false; field: string; message: string };
  fillFrom(returnCase: ReturnCase): void;
  /** Marks the field the API named as wrong and moves focus to it. */
  markInvalid(field: string | null): void;
  clearInvalid(): void;
}

const prefix = 'whatif-';

function today(offsetDays = 0): string {
  const date = new Date(Date.now() + offsetDays * 86_400_000);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

const triState = (id: string): HTMLSelectElement =>
  h(
    'select',
    { id: `${prefix}${id}`, name: id },
    h('option', { value: '' }, 'Not asked'),
    h('option', { value: 'yes' }, 'Yes'),
    h('option', { value: 'no' }, 'No'),
  );

/** Same fields as the decisions API, for a caller with no case yet; running it stores nothing. */
export function createWhatIfForm(onSubmit: () => void): WhatIfForm {
  const state = h(
    'select',
    { id: `${prefix}state`, name: 'state', required: true },
    usStateCodes.map((code) => h('option', { value: code }, `${code} — ${usStates[code].name}`)),
  );
  state.value = 'OH';
  const maturityDate = h('input', { id: `${prefix}maturityDate`, name: 'maturityDate', type: 'date', required: true, value: today(30) });
  const returnDate = h('input', { id: `${prefix}returnDate`, name: 'returnDate', type: 'date', required: true, value: today() });
  const intent = h(
    'select',
    { id: `${prefix}intent`, name: 'intent' },
    Object.entries(intentLabels).map(([value, label]) => h('option', { value }, label)),
  );
  const avrm = h('input', { id: `${prefix}hasAvrmAccess`, name: 'hasAvrmAccess', type: 'checkbox', checked: true });
  const vin = h('input', { id: `${prefix}vin`, name: 'vin', type: 'text', autocomplete: 'off', spellcheck: 'false', maxlength: '24', placeholder: 'Optional' });
  const pickupBy = h(
    'select',
    { id: `${prefix}pickup.by`, name: 'pickupBy' },
    h('option', { value: '' }, 'No pickup yet'),
    Object.entries(pickupPartyLabels).map(([value, label]) => h('option', { value }, label)),
  );
  const proofOfSale = h('input', { id: `${prefix}pickup.proofOfSale`, name: 'proofOfSale', type: 'checkbox' });
  const billOfLading = h('input', { id: `${prefix}pickup.billOfLading`, name: 'billOfLading', type: 'checkbox' });
  const lesseeWants = triState('lesseeWantsToPurchase');
  const dealerWants = triState('dealerWantsToPurchase');

  const field = (label: string, control: HTMLElement): HTMLElement => h('div', { class: 'field' }, h('label', { for: control.id }, label), control);
  const check = (label: string, control: HTMLInputElement): HTMLElement => h('div', { class: 'field check' }, control, h('label', { for: control.id }, label));

  const element = h(
    'form',
    {
      id: 'whatif-form',
      'data-testid': 'whatif-form',
      'aria-labelledby': 'whatif-heading',
      novalidate: true,
      onsubmit: (event: Event) => {
        event.preventDefault();
        onSubmit();
      },
    },
    h('div', { class: 'grid' }, field('Dealer state', state), field('Intent', intent), field('Maturity date', maturityDate), field('Return date', returnDate)),
    check('Dealer has AVRM access', avrm),
    h(
      'details',
      { class: 'more' },
      h('summary', {}, 'More: VIN, pickup, wishes'),
      h(
        'div',
        { class: 'grid' },
        field('VIN', vin),
        field('Pickup by', pickupBy),
        check('Proof of sale shown', proofOfSale),
        check('Bill of Lading shown', billOfLading),
        field('Lessee wants to buy', lesseeWants),
        field('Dealer wants to buy', dealerWants),
      ),
    ),
    h('div', { class: 'row' }, h('button', { type: 'submit', 'data-testid': 'whatif-submit' }, 'Decide (stores nothing)')),
  );

  const wish = (select: HTMLSelectElement): boolean | undefined => (select.value === '' ? undefined : select.value === 'yes');
  const controls = [state, maturityDate, returnDate, intent, avrm, vin, pickupBy, proofOfSale, billOfLading, lesseeWants, dealerWants];

  return {
    element,
    read() {
      const body: DecisionRequestBody = {
        state: state.value,
        maturityDate: maturityDate.value,
        returnDate: returnDate.value,
        intent: intent.value,
        hasAvrmAccess: avrm.checked,
      };
      if (!maturityDate.value) return { ok: false, field: 'maturityDate', message: 'Give the maturity date.' };
      if (!returnDate.value) return { ok: false, field: 'returnDate', message: 'Give the return date.' };
      if (vin.value.trim()) {
        const checked = checkVin(vin.value);
        if (!checked.valid) return { ok: false, field: 'vin', message: checked.message };
        body.vin = checked.vin;
      }
      if (pickupBy.value) body.pickup = { by: pickupBy.value, proofOfSale: proofOfSale.checked, billOfLading: billOfLading.checked };
      const lessee = wish(lesseeWants);
      const dealer = wish(dealerWants);
      if (lessee !== undefined) body.lesseeWantsToPurchase = lessee;
      if (dealer !== undefined) body.dealerWantsToPurchase = dealer;
      return { ok: true, body };
    },
    fillFrom(returnCase) {
      state.value = returnCase.state.toUpperCase();
      maturityDate.value = returnCase.maturityDate;
      returnDate.value = returnCase.returnDate;
      intent.value = returnCase.intent;
      avrm.checked = returnCase.hasAvrmAccess;
      vin.value = returnCase.vin;
    },
    markInvalid(name) {
      const control = controls.find((candidate) => candidate.id === `${prefix}${name ?? ''}`) ?? (name?.startsWith('pickup') ? pickupBy : undefined);
      if (!control) return;
      control.setAttribute('aria-invalid', 'true');
      control.setAttribute('aria-describedby', 'whatif-error');
      const more = control.closest('details');
      if (more) more.open = true;
      control.focus();
    },
    clearInvalid() {
      for (const control of controls) {
        control.removeAttribute('aria-invalid');
        control.removeAttribute('aria-describedby');
      }
    },
  };
}
