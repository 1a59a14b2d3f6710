// Results of the top bar's search: minutes, decisions, action items and plans, each with an
// excerpt whose matches are marked; a click opens the record.
import { Drawer, Empty, Spin, Tag } from 'antd';
import type { SearchResult } from '../bindings/SearchResult';
import { useI18n, type MessageKey } from '../i18n';

function Marked({ text, marks }: { text: string; marks: [number, number][] }) {
  const chars = Array.from(text);
  const out: React.ReactNode[] = [];
  let at = 0;
  marks.forEach(([a, b], i) => {
    if (a < at) return;
    out.push(chars.slice(at, a).join(''));
    out.push(<mark key={i}>{chars.slice(a, b).join('')}</mark>);
    at = b;
  });
  out.push(chars.slice(at).join(''));
  return <>{out}</>;
}

export function SearchResults({
  query,
  results,
  onOpen,
  onClose,
}: {
  query: string;
  results: SearchResult[] | null;
  onOpen: (r: SearchResult) => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  return (
    <Drawer open size={560} title={t('search.title', { q: query })} onClose={onClose}>
      <div data-testid="search-results">
        {!results && <Spin />}
        {results && results.length === 0 && <Empty description={t('search.empty')} />}
        {(results ?? []).map((r, i) => (
          <div key={`${r.ref_id}-${i}`} className="bd-search-hit" onClick={() => onOpen(r)} role="button" tabIndex={0} onKeyDown={(e) => e.key === 'Enter' && onOpen(r)}>
            <div>
              <Tag>{t(`search.kind.${r.kind}` as MessageKey)}</Tag>
              <strong>{r.excerpt === r.title ? <Marked text={r.excerpt} marks={r.marks} /> : r.title}</strong>
            </div>
            {r.excerpt !== r.title && (
              <div className="bd-search-excerpt">
                <Marked text={r.excerpt} marks={r.marks} />
              </div>
            )}
            <div className="bd-search-meta">
              {r.unit_name} · {r.at}
            </div>
          </div>
        ))}
      </div>
    </Drawer>
  );
}
