import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { LangProvider, useLang } from './lang-context';
import { t } from './messages';

function Title() {
  const lang = useLang();
  return <h1>{t(lang, 'app.title')}</h1>;
}

describe('useLang', () => {
  it('defaults to Chinese without a provider', () => {
    expect(renderToString(<Title />)).toContain('川渝高竹新区能源大数据监测平台');
  });
  it('follows the provider', () => {
    expect(
      renderToString(
        <LangProvider lang="en">
          <Title />
        </LangProvider>,
      ),
    ).toContain('Gaozhu New Area Energy Big-Data Monitor');
  });
});
