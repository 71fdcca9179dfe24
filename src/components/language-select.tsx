import { useI18n, type Locale } from '../i18n/i18n.tsx';

export function LanguageSelect() {
  const { locale, setLocale, t } = useI18n();
  return (
    <label className="language-select">
      <span aria-hidden="true">文/A</span>
      <select aria-label={t('app.language')} value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
        <option value="en">English</option>
        <option value="zh" lang="zh-CN">
          中文
        </option>
      </select>
    </label>
  );
}
