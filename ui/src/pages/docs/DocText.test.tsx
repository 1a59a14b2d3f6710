import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { App } from '../../App';
import { fakeApi } from '../../test/fake';
import type { DocContent } from '../../bindings/DocContent';
import type { OutgoingDoc } from '../../bindings/OutgoingDoc';
import type { DocFile } from '../../bindings/DocFile';

const draft: OutgoingDoc = {
  id: 'd1', unit_id: 'u-zb', category: 'company', title: '关于申请调整保费计划的请示', drafting_unit_id: 'u-off', drafter_id: null,
  signer_id: null, signed_on: null, year: null, seq: null, number: null, issued_on: null, secret: false, status: 'draft',
  created_at: '2016-12-01T08:00:00Z', updated_at: '2016-12-01T08:00:00Z', signed_by: '', signed_at: null,
};

const template = (form: DocContent['form']): DocContent => ({
  doc_id: 'd1', form, addressees: '', cc: '', body: form === 'request' ? '……（请示的缘由）。\n妥否，请批示。' : '为……，现将有关事项通知如下。',
  attachments: '', issuer: '淄博市分公司', written_on: null, printer: '淄博市分公司办公室', printed_on: null, copy_no: '',
  secrecy_term: '', urgency: 'none', note: '', updated_at: '',
});

function setup(editable: boolean) {
  const saves: DocContent[] = [];
  const files: DocFile[] = [];
  const api = fakeApi({
    outgoingList: vi.fn(async () => [editable ? draft : { ...draft, status: 'signed' as const }]),
    outgoingContent: vi.fn(async (_id: string, form?: DocContent['form']) => ({ content: template(form ?? 'notice'), saved: false, editable, files })),
    outgoingAttach: vi.fn(async (_id: string, picked: { name: string; bytes: Uint8Array }[]) => {
      for (const p of picked) files.push({ id: `f${files.length}`, doc_id: 'd1', name: p.name, size: p.bytes.length, sha256: '0'.repeat(64), sort: files.length, added_at: '' });
      return [...files];
    }),
    outgoingContentSave: vi.fn(async (c: DocContent) => {
      saves.push(c);
      return { ...c, updated_at: '2016-12-01T09:00:00Z' };
    }),
    reportDocument: vi.fn(async () => '/home/u/下载/公文-草稿-关于申请调整保费计划的请示.pdf'),
  });
  return { api, saves };
}

async function openText() {
  window.location.hash = '#/docs';
  fireEvent.click(await screen.findByTestId('tab-outgoing'));
  fireEvent.click(await screen.findByTestId('out-text'));
  return screen.findByTestId('text-body');
}

describe('a document’s text', () => {
  it('starts from the template of its kind, saves itself a moment after typing, and exports after saving', async () => {
    const { api, saves } = setup(true);
    render(<App api={api} />);
    const body = (await openText()) as HTMLTextAreaElement;
    expect(body.value).toContain('现将有关事项通知如下');
    expect(screen.getByTestId('text-state').textContent).toBe('尚未保存（模板）');
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      fireEvent.change(body, { target: { value: '一、调整的理由\n（一）承保车辆减少。' } });
      fireEvent.change(screen.getByTestId('text-addressees'), { target: { value: '山东省分公司' } });
      expect(saves).toHaveLength(0); // not on every keystroke
      await act(async () => {
        vi.advanceTimersByTime(900);
      });
    } finally {
      vi.useRealTimers();
    }
    expect(saves).toHaveLength(1);
    expect(saves[0].body).toBe('一、调整的理由\n（一）承保车辆减少。');
    expect(saves[0].addressees).toBe('山东省分公司');
    expect((await screen.findByTestId('text-state')).textContent).toContain('已自动保存');
    // Ctrl+S saves what was typed since, at once.
    fireEvent.change(screen.getByTestId('text-note'), { target: { value: '联系人：刘晓燕' } });
    await act(async () => {
      fireEvent.keyDown(window, { key: 's', ctrlKey: true });
    });
    expect(saves).toHaveLength(2);
    expect(saves[1].note).toBe('联系人：刘晓燕');
    await act(async () => {
      fireEvent.click(screen.getByTestId('text-pdf'));
    });
    expect(api.reportDocument).toHaveBeenCalledWith('d1');
    // A picked file is attached and listed.
    const input = screen.getByTestId('file-input') as HTMLInputElement;
    await act(async () => {
      fireEvent.change(input, { target: { files: [new File(['调整表内容'], '保费计划调整表.xlsx')] } });
    });
    expect((await screen.findByTestId('text-files')).textContent).toContain('保费计划调整表.xlsx');
    expect((await screen.findByTestId('pdf-saved')).textContent).toContain('公文-草稿');
  });

  it('is read-only once signed', async () => {
    const { api, saves } = setup(false);
    render(<App api={api} />);
    const body = (await openText()) as HTMLTextAreaElement;
    expect(body.disabled).toBe(true);
    expect(screen.queryByTestId('file-add')).toBeNull();
    expect(screen.getByText('文件已签发，正文不能再改；如需更正，请撤回后重新拟稿。')).toBeTruthy();
    fireEvent.change(body, { target: { value: '改过' } });
    await act(async () => {
      fireEvent.keyDown(window, { key: 's', ctrlKey: true });
    });
    expect(saves).toHaveLength(0);
  });
});
