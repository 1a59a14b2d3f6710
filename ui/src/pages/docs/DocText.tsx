// A document's text (正文 and the parts GB/T 9704 prints around it): written from the template
// of its kind, saved automatically a moment after each change (and at once with Ctrl+S or on
// closing), read-only once signed, exported as the national-format PDF.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Col, DatePicker, Drawer, Form, Input, Row, Select, Space, Spin, Typography } from 'antd';
import { DeleteOutlined, DownloadOutlined, FilePdfOutlined, PaperClipOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { Api } from '../../api';
import { CommandError } from '../../api';
import type { DocContent } from '../../bindings/DocContent';
import type { DocFile } from '../../bindings/DocFile';
import type { DocForm } from '../../bindings/DocForm';
import type { OutgoingDoc } from '../../bindings/OutgoingDoc';
import type { Urgency } from '../../bindings/Urgency';
import { useI18n } from '../../i18n';

const FORMS: DocForm[] = ['notice', 'request', 'report', 'letter', 'minutes'];
const URGENCIES: Urgency[] = ['none', 'urgent', 'extra'];
/** How long after the last keystroke the text is saved. */
const AUTOSAVE_MS = 800;

type State = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: string } | { kind: 'error'; message: string };

export function DocTextDrawer({ api, doc, onClose }: { api: Api; doc: OutgoingDoc; onClose: () => void }) {
  const { t, label } = useI18n();
  const { modal } = App.useApp();
  const [content, setContent] = useState<DocContent | null>(null);
  const [saved, setSaved] = useState(false);
  const [editable, setEditable] = useState(false);
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [loadError, setLoadError] = useState<string | null>(null);
  const [files, setFiles] = useState<DocFile[]>([]);
  const fileRef = useRef<HTMLInputElement>(null);
  // The text not yet written, and the timer that will write it.
  const pending = useRef<DocContent | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const load = useCallback(
    (form?: DocForm) => {
      api.outgoingContent(doc.id, form).then(
        (v) => {
          setContent(v.content);
          setSaved(v.saved);
          setEditable(v.editable);
          setFiles(v.files);
        },
        (e: CommandError) => setLoadError(e.message),
      );
    },
    [api, doc.id],
  );
  useEffect(() => load(), [load]);

  const flush = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const c = pending.current;
    if (!c) return true;
    pending.current = null;
    setState({ kind: 'saving' });
    try {
      const back = await api.outgoingContentSave(c);
      setSaved(true);
      setState({ kind: 'saved', at: dayjs().format('HH:mm:ss') });
      // Keep what was typed meanwhile; take the dates as the backend wrote them.
      setContent((now) => (now && pending.current ? now : { ...back }));
      return true;
    } catch (e) {
      pending.current = pending.current ?? c;
      setState({ kind: 'error', message: e instanceof CommandError ? e.message : String(e) });
      return false;
    }
  }, [api]);

  const change = (patch: Partial<DocContent>) => {
    if (!content || !editable) return;
    const next = { ...content, ...patch };
    setContent(next);
    pending.current = next;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), AUTOSAVE_MS);
  };

  // Ctrl+S (⌘S) saves at once.
  useEffect(() => {
    const key = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void flush();
      }
    };
    window.addEventListener('keydown', key);
    return () => window.removeEventListener('keydown', key);
  }, [flush]);

  const close = async () => {
    if (await flush()) onClose();
  };

  const pdf = async () => {
    if (!(await flush())) return;
    try {
      const path = await api.reportDocument(doc.id);
      modal.success({ title: t('report.savedTitle'), content: <div data-testid="pdf-saved">{path}</div> });
    } catch (e) {
      setState({ kind: 'error', message: e instanceof CommandError ? e.message : String(e) });
    }
  };

  const fail = (e: unknown) => setState({ kind: 'error', message: e instanceof CommandError ? e.message : String(e) });
  const attach = async (picked: File[]) => {
    try {
      const packed = await Promise.all(picked.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
      setFiles(await api.outgoingAttach(doc.id, packed));
    } catch (e) {
      fail(e);
    }
  };
  const download = async (f: DocFile) => {
    try {
      const path = await api.outgoingFileSave(f.id);
      modal.success({ title: t('docs.files.saved'), content: <div data-testid="file-saved">{path}</div> });
    } catch (e) {
      fail(e);
    }
  };

  const pickForm = (form: DocForm) => {
    if (!content) return;
    if (saved) {
      // A saved text keeps its words; only a text never saved is replaced by the template.
      change({ form });
      return;
    }
    load(form);
  };

  const status = !content
    ? ''
    : state.kind === 'saving' ? t('docs.text.saving') : state.kind === 'saved' ? t('docs.text.saved', { time: state.at }) : saved ? '' : t('docs.text.unsaved');
  const date = (v: string | null) => (v ? dayjs(v) : null);
  return (
    <Drawer
      open
      size={820}
      title={t('docs.text.title', { title: doc.title })}
      onClose={() => void close()}
      extra={
        <Space>
          <Typography.Text type="secondary" data-testid="text-state">
            {status}
          </Typography.Text>
          <Button type="primary" icon={<FilePdfOutlined />} onClick={() => void pdf()} disabled={!content} data-testid="text-pdf">
            {t('docs.text.pdf')}
          </Button>
        </Space>
      }
    >
      {loadError && <Alert type="error" showIcon title={loadError} />}
      {state.kind === 'error' && <Alert type="error" showIcon title={state.message} style={{ marginBottom: 12 }} data-testid="text-error" />}
      {!editable && content && <Alert type="info" showIcon title={t('docs.text.frozen')} style={{ marginBottom: 12 }} />}
      {!content && !loadError && <Spin />}
      {content && (
        <Form layout="vertical" disabled={!editable}>
          <Row gutter={12}>
            <Col span={6}>
              <Form.Item label={t('docs.text.form')}>
                <Select<DocForm> showSearch={{ optionFilterProp: 'label' }} value={content.form} onChange={pickForm} options={FORMS.map((f) => ({ value: f, label: label('DocForm', f) }))} data-testid="text-form" />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item label={t('docs.text.urgency')}>
                <Select<Urgency> value={content.urgency} onChange={(urgency) => change({ urgency })} options={URGENCIES.map((u) => ({ value: u, label: label('Urgency', u) }))} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item label={t('docs.text.copyNo')}>
                <Input value={content.copy_no} maxLength={6} placeholder="000001" onChange={(e) => change({ copy_no: e.target.value })} data-testid="text-copy" />
              </Form.Item>
            </Col>
            {doc.secret && (
              <Col span={6}>
                <Form.Item label={t('docs.text.secrecyTerm')}>
                  <Input value={content.secrecy_term} maxLength={20} placeholder="1年" onChange={(e) => change({ secrecy_term: e.target.value })} />
                </Form.Item>
              </Col>
            )}
          </Row>
          <Form.Item label={t('docs.text.addressees')}>
            <Input value={content.addressees} placeholder={t('docs.text.addresseesHint')} onChange={(e) => change({ addressees: e.target.value })} data-testid="text-addressees" />
          </Form.Item>
          <Form.Item label={t('docs.text.body')} extra={t('docs.text.bodyHelp')}>
            <Input.TextArea
              value={content.body}
              autoSize={{ minRows: 12, maxRows: 28 }}
              onChange={(e) => change({ body: e.target.value })}
              style={{ fontFamily: '"FangSong", "STFangsong", "Noto Serif CJK SC", serif', fontSize: 16, lineHeight: 1.8 }}
              data-testid="text-body"
            />
          </Form.Item>
          <Form.Item label={t('docs.text.attachments')}>
            <Input.TextArea value={content.attachments} autoSize={{ minRows: 1, maxRows: 6 }} onChange={(e) => change({ attachments: e.target.value })} data-testid="text-attachments" />
          </Form.Item>
          <Form.Item label={t('docs.files.title')} extra={t('docs.files.hint')}>
            <Space direction="vertical" style={{ width: '100%' }} data-testid="text-files">
              {files.map((f) => (
                <Space key={f.id} size={8}>
                  <PaperClipOutlined />
                  <span>{f.name}</span>
                  <Typography.Text type="secondary">{(f.size / 1024).toFixed(f.size < 10240 ? 1 : 0)} KB</Typography.Text>
                  <Button size="small" type="link" icon={<DownloadOutlined />} onClick={() => void download(f)} data-testid="file-download">
                    {t('docs.files.save')}
                  </Button>
                  {editable && (
                    <Button size="small" type="link" danger icon={<DeleteOutlined />} onClick={() => void api.outgoingDetach(doc.id, f.id).then(setFiles, fail)} data-testid="file-remove">
                      {t('docs.files.remove')}
                    </Button>
                  )}
                </Space>
              ))}
              <input
                ref={fileRef}
                type="file"
                multiple
                hidden
                data-testid="file-input"
                onChange={(e) => {
                  const picked = Array.from(e.target.files ?? []);
                  e.target.value = '';
                  if (picked.length) void attach(picked);
                }}
              />
              {editable && (
                <Button size="small" icon={<PaperClipOutlined />} onClick={() => fileRef.current?.click()} data-testid="file-add">
                  {t('docs.files.add')}
                </Button>
              )}
            </Space>
          </Form.Item>
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item label={t('docs.text.issuer')}>
                <Input value={content.issuer} onChange={(e) => change({ issuer: e.target.value })} data-testid="text-issuer" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item label={t('docs.text.writtenOn')} extra={t('docs.text.writtenOnHint')}>
                <DatePicker value={date(content.written_on)} onChange={(v) => change({ written_on: v ? v.format('YYYY-MM-DD') : null })} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item label={t('docs.text.note')} extra={t('docs.text.noteHint')}>
            <Input value={content.note} onChange={(e) => change({ note: e.target.value })} data-testid="text-note" />
          </Form.Item>
          <Form.Item label={t('docs.text.cc')}>
            <Input value={content.cc} onChange={(e) => change({ cc: e.target.value })} data-testid="text-cc" />
          </Form.Item>
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item label={t('docs.text.printer')}>
                <Input value={content.printer} onChange={(e) => change({ printer: e.target.value })} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item label={t('docs.text.printedOn')} extra={t('docs.text.printedOnHint')}>
                <DatePicker value={date(content.printed_on)} onChange={(v) => change({ printed_on: v ? v.format('YYYY-MM-DD') : null })} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      )}
    </Drawer>
  );
}
