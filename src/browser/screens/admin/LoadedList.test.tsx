import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { LoadedList } from './LoadedList';

const draw = (list: string[]) => (
  <ul>
    {list.map((x) => (
      <li key={x}>{x}</li>
    ))}
  </ul>
);
const refused = { kind: 'unreachable', detail: 'HTTP 502' } as const;

describe('LoadedList', () => {
  it('says it is loading until the first answer', () => {
    const html = renderToStaticMarkup(
      <LoadedList lang="en" list={null} problem={null} problemTestId="p">
        {draw}
      </LoadedList>,
    );
    expect(html).toContain('Loading…');
    expect(html).not.toContain('role="alert"');
  });

  it('a refusal replaces "Loading…", in words, announced', () => {
    const html = renderToStaticMarkup(
      <LoadedList lang="en" list={null} problem={refused} problemTestId="p">
        {draw}
      </LoadedList>,
    );
    expect(html).toMatch(/^<p[^>]*role="alert"[^>]*data-testid="p"[^>]*>The server did not answer: HTTP 502<\/p>$/);
  });

  it('a refusal after a list keeps the list shown under it', () => {
    const html = renderToStaticMarkup(
      <LoadedList lang="zh" list={['a']} problem={refused} problemTestId="p">
        {draw}
      </LoadedList>,
    );
    expect(html).toMatch(/^<p[^>]*>服务器无应答：HTTP 502<\/p><ul><li>a<\/li><\/ul>$/);
  });

  it('the list alone once loaded', () => {
    const html = renderToStaticMarkup(
      <LoadedList lang="en" list={['a', 'b']} problem={null} problemTestId="p">
        {draw}
      </LoadedList>,
    );
    expect(html).toBe('<ul><li>a</li><li>b</li></ul>');
  });
});
