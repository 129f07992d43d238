/**
 * The current UI language for the component tree. The app decides it once (from `?lang=`, see langFromSearch) and
 * provides it at the root; components read it with useLang() and pass it to t() and the formatters.
 */
import { createContext, type ReactNode, useContext } from 'react';
import { DEFAULT_LANG, type Lang } from '../../../core/lang';

const LangContext = createContext<Lang>(DEFAULT_LANG);

export function LangProvider({ lang, children }: { lang: Lang; children: ReactNode }) {
  return <LangContext value={lang}>{children}</LangContext>;
}

/** The language provided above, or Chinese when there is no provider (the default UI language). */
export function useLang(): Lang {
  return useContext(LangContext);
}
