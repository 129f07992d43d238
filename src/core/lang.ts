/** The UI languages: Simplified Chinese by default (the lobby and the dispatchers), English second. */
export const LANGS = ['zh', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'zh';

/** BCP 47 tag for Intl formatting in each language. */
export const LOCALE_BY_LANG: Record<Lang, string> = { zh: 'zh-CN', en: 'en-US' };

/** `?lang=en` → en; anything else (absent, unknown, `zh`) → zh. Takes `location.search` so it is testable without a DOM. */
export function langFromSearch(search: string): Lang {
  const value = new URLSearchParams(search).get('lang')?.trim().toLowerCase();
  return (LANGS as readonly string[]).includes(value ?? '') ? (value as Lang) : DEFAULT_LANG;
}
