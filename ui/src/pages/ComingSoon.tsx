import { Result } from 'antd';
import { useI18n, type MessageKey } from '../i18n';

/** What a page that a later release brings will do. */
export function ComingSoon({ page }: { page: string }) {
  const { t } = useI18n();
  return (
    <Result
      status="info"
      title={<span data-testid="coming-soon">{t('soon.title', { page: t(`nav.${page}` as MessageKey) })}</span>}
      subTitle={t(`soon.${page}` as MessageKey)}
    />
  );
}
