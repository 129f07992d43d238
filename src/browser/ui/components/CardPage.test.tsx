import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CardPage } from './CardPage';

describe('CardPage', () => {
  it('puts the app name, the title and the content in one card, in the language asked', () => {
    const html = renderToStaticMarkup(
      <CardPage lang="en" title="Sign in" testId="signin">
        <p>form</p>
      </CardPage>,
    );
    expect(html).toMatch(
      /^<main[^>]*><div[^>]*data-testid="signin"[^>]*><p[^>]*>Gaozhu New Area Energy Big-Data Monitor<\/p><h1[^>]*>Sign in<\/h1><p>form<\/p><\/div><\/main>$/,
    );
    expect(html).toContain('data-tone="plain"');
    expect(html).toContain('data-width="narrow"');
    expect(html).not.toContain('role=');
  });

  it('a refusal: announced as an alert, warning tone, wide', () => {
    const html = renderToStaticMarkup(
      <CardPage lang="zh" title="仅限管理员" testId="admins-only" role="alert" tone="warning" width="wide">
        <p>…</p>
      </CardPage>,
    );
    expect(html).toContain('role="alert"');
    expect(html).toContain('data-tone="warning"');
    expect(html).toContain('data-width="wide"');
    expect(html).toContain('川渝高竹新区能源大数据监测平台');
  });
});
