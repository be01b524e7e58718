/** What the agent reads out after filing or attaching: the number and the promised date. */
import { fmtDate, t } from '../i18n';
import { el } from '../dom';
import { $, ui } from './context';
import { contactClosed, newContact } from './contact';

export function confirm(
  result: {
    publicId: string;
    attached: boolean;
    merged: boolean;
    expectedAt: string | null;
    serviceNotice: string | null;
    district: { name: string } | null;
    unit: { name: string } | null;
  },
  attached: boolean,
): void {
  const due = result.expectedAt ? fmtDate(result.expectedAt) : t('confirm.noDue');
  const head = attached || result.merged ? t('confirm.attached') : t('confirm.filed');
  const box = $('confirmation');
  box.replaceChildren(
    el('p', { className: 'big' }, `${head} `, el('strong', { id: 'confirmation-number', textContent: result.publicId })),
    el('p', {}, `${t('confirm.due')}: `, el('strong', { id: 'confirmation-due', textContent: due })),
    el('p', { className: 'muted', textContent: [result.district?.name, result.unit?.name].filter(Boolean).join(' · ') }),
    el('p', { className: 'readout', textContent: `${t('confirm.readout')}${head} ${result.publicId.split('').join(' ')}. ${t('confirm.due')}: ${due}.` }),
    el('button', { type: 'button', className: 'primary', textContent: `${t('confirm.next')} (Alt+N)`, onclick: () => void newContact() }),
  );
  box.hidden = false;
  $('report-form').hidden = true;
  contactClosed();
  ui.map!.refreshRequests();
  box.querySelector('button')!.focus();
}
