/**
 * Forwarding a question to the second line (Alt+3): the routing rules pick the unit unless the agent
 * does; the answer shows the inquiry number, the unit and the deadline. Returned questions are
 * listed under the form (../returned.ts).
 */
import { api } from '../api';
import { fmtDate, t } from '../i18n';
import { el } from '../dom';
import { $, errorText, state } from './context';
import { callerInput, channel, contactClosed, ensureContact } from './contact';

export function setupForward(): void {
  $('forward-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    $('fw-error').textContent = '';
    try {
      const contactId = await ensureContact();
      const caller = callerInput();
      const { inquiry } = await api.forward({
        contactId,
        channel: channel(),
        question: $<HTMLTextAreaElement>('fw-question').value,
        topic: $<HTMLInputElement>('fw-topic').value || undefined,
        districtCode: $<HTMLSelectElement>('fw-district').value || undefined,
        serviceCode: $<HTMLSelectElement>('fw-service').value || undefined,
        unitCode: $<HTMLSelectElement>('fw-unit').value || undefined,
        replyChannel: $<HTMLSelectElement>('fw-reply').value,
        lat: state.pin?.lat,
        long: state.pin?.long,
        person: { firstName: caller.firstName, lastName: caller.lastName, phone: caller.phone, email: caller.email },
      });
      const box = $('fw-result');
      box.replaceChildren(
        el('p', { className: 'big' }, `${t('fw.done')} `, el('strong', { id: 'fw-number', textContent: inquiry.publicId })),
        el('p', {}, `${t('fw.unitIs')}: `, el('strong', { id: 'fw-unit-name', textContent: inquiry.unit.name })),
        el('p', {}, `${t('confirm.due')}: `, el('strong', { textContent: fmtDate(inquiry.dueAt) })),
      );
      box.hidden = false;
      contactClosed();
    } catch (err) {
      $('fw-error').textContent = errorText(err);
    }
  });
}
