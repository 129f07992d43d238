// @vitest-environment jsdom
/**
 * The app's router (router.tsx, over wouter) does for the app what react-router did: the matching route (the catch-all only when
 * none matches), links and NavLinks that navigate in the page and mark the current one, Navigate, the query setter,
 * and the browser's back button.
 */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BrowserRouter,
  Link,
  MemoryRouter,
  Navigate,
  NavLink,
  Route,
  Routes,
  useLocation,
  useSearchParams,
} from './router';

function Where() {
  const { pathname, search } = useLocation();
  return <output data-testid="where">{`${pathname}${search}`}</output>;
}

function App() {
  return (
    <>
      <nav>
        <NavLink to="/" end>
          home
        </NavLink>
        <NavLink to="/wall?lang=en">wall</NavLink>
        <Link to="/dispatch">dispatch</Link>
      </nav>
      <Routes>
        <Route path="*" element={<p>overview</p>} />
        <Route path="/wall" element={<p>wall screen</p>} />
        <Route path="/dispatch" element={<Navigate replace to="/signin?next=%2Fdispatch" />} />
        <Route path="/signin" element={<p>sign in</p>} />
      </Routes>
      <Where />
    </>
  );
}

function Period() {
  const [params, set] = useSearchParams();
  return (
    <button type="button" onClick={() => set({ period: 'month', lang: params.get('lang') ?? 'zh' })}>
      {params.get('period') ?? 'none'}
    </button>
  );
}

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

describe('router', () => {
  it('renders the route whose path is the location, the catch-all only when none is', () => {
    render(
      <MemoryRouter initialEntries={['/Wall/']}>
        <App />
      </MemoryRouter>,
    );
    expect(screen.getByText('wall screen')).toBeTruthy();
    cleanup();
    render(
      <MemoryRouter initialEntries={['/nowhere']}>
        <App />
      </MemoryRouter>,
    );
    expect(screen.getByText('overview')).toBeTruthy();
  });

  it('NavLink marks the current page only; "/" with end is not current below it', () => {
    render(
      <MemoryRouter initialEntries={['/wall']}>
        <App />
      </MemoryRouter>,
    );
    expect(screen.getByText('wall').getAttribute('aria-current')).toBe('page');
    expect(screen.getByText('wall').className).toBe('active');
    expect(screen.getByText('home').getAttribute('aria-current')).toBeNull();
  });

  it('a link click navigates in the page and pushes history; Navigate replaces; back returns', async () => {
    window.history.replaceState(null, '', '/wall?lang=en');
    render(
      <BrowserRouter>
        <App />
      </BrowserRouter>,
    );
    const before = window.history.length;
    await act(async () => {
      fireEvent.click(screen.getByText('home'));
    });
    expect(screen.getByTestId('where').textContent).toBe('/');
    expect(window.location.pathname).toBe('/');
    expect(window.history.length).toBe(before + 1);
    // /dispatch redirects (replace) to the sign-in page: one more entry, not two.
    await act(async () => {
      fireEvent.click(screen.getByText('dispatch'));
    });
    expect(screen.getByText('sign in')).toBeTruthy();
    expect(window.location.pathname + window.location.search).toBe('/signin?next=%2Fdispatch');
    expect(window.history.length).toBe(before + 2);
    await act(async () => {
      window.history.back();
      await new Promise((r) => window.addEventListener('popstate', r, { once: true }));
    });
    expect(screen.getByTestId('where').textContent).toBe('/');
  });

  it('a modified click is left to the browser', async () => {
    render(
      <MemoryRouter initialEntries={['/wall']}>
        <App />
      </MemoryRouter>,
    );
    const link = screen.getByText('home');
    expect(link.getAttribute('href')).toBe('/');
    const notPrevented = fireEvent.click(link, { ctrlKey: true });
    expect(notPrevented).toBe(true);
    expect(screen.getByTestId('where').textContent).toBe('/wall');
  });

  it('the query setter keeps the path and pushes the new query', async () => {
    render(
      <MemoryRouter initialEntries={['/progress?lang=en']}>
        <Period />
        <Where />
      </MemoryRouter>,
    );
    expect(screen.getByRole('button').textContent).toBe('none');
    await act(async () => {
      fireEvent.click(screen.getByRole('button'));
    });
    expect(screen.getByRole('button').textContent).toBe('month');
    expect(screen.getByTestId('where').textContent).toBe('/progress?period=month&lang=en');
  });
});
