import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { App } from '../../App';
import { fakeApi } from '../../test/fake';

describe('公文 page', () => {
  it('lists incoming documents with their handlers, overdue ones marked, and explains a refused registration', async () => {
    window.location.hash = '#/docs';
    const api = fakeApi();
    render(<App api={api} />);
    const table = await screen.findByTestId('incoming-table');
    expect(table.textContent).toContain('关于做好年底续保工作的通知');
    expect(table.textContent).toContain('急件');
    expect(table.textContent).toContain('逾期2天');
    expect(table.textContent).toContain('李娜');
    await act(async () => {
      fireEvent.click(screen.getByTestId('docs-new'));
    });
    await act(async () => {
      fireEvent.click(screen.getByTestId('incoming-save'));
    });
    expect((await screen.findByTestId('incoming-error')).textContent).toContain('请按领导批示选择阅办部门或人员');
  });
});

describe('documents sent to the unit', () => {
  it('wait to be signed for, and signing for one registers it filled in from the document', async () => {
    window.location.hash = '#/docs';
    const doc = {
      id: 'hq1', unit_id: 'u-ql', category: 'ql@hq', title: '关于做好元旦春节期间安全生产工作的通知', drafting_unit_id: null, drafter_id: null,
      signer_id: null, signed_on: '2016-12-20', year: 2016, seq: 1, number: '鲁示集发〔2016〕1号', issued_on: '2016-12-21', secret: false,
      status: 'issued' as const, created_at: '2016-12-20T08:00:00Z', updated_at: '2016-12-21T08:00:00Z', signed_by: '周建华（总经理）', signed_at: null,
    };
    const api = fakeApi({
      docsInbox: vi.fn(async () => [{ doc, unit_id: 'u-zb', unit_name: '淄博市分公司', sender: '齐鲁示范保险集团', role: 'main' as const, sent_at: '2016-12-21T09:00:00Z', urgent: true }]),
    });
    render(<App api={api} />);
    const inbox = await screen.findByTestId('inbox');
    expect(inbox.textContent).toContain('待签收公文 1 件');
    expect(inbox.textContent).toContain('鲁示集发〔2016〕1号');
    expect(inbox.textContent).toContain('急件');
    await act(async () => {
      fireEvent.click(screen.getByTestId('inbox-receive'));
    });
    const title = (await screen.findByTestId('incoming-title')) as HTMLInputElement;
    expect(title.value).toBe(doc.title);
    expect(title.disabled).toBe(true);
    await act(async () => {
      fireEvent.click(screen.getByTestId('incoming-save'));
    });
    expect(api.incomingRegister).toHaveBeenCalledWith(expect.objectContaining({ unit_id: 'u-zb', from_doc: 'hq1', title: doc.title, doc_number: '鲁示集发〔2016〕1号', urgent: true }));
  });
});
