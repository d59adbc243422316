// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ErrorBoundary } from '../../renderer/src/components/ErrorBoundary.tsx';
import { UnshowablePost } from '../../renderer/src/features/timeline/UnshowablePost.tsx';
import { InEnglish } from './in-english.tsx';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function Exploding({ when }: { when: boolean }): string {
  if (when) throw new Error('cannot draw this');
  return 'drawn';
}

const containers: HTMLElement[] = [];
afterEach(() => {
  for (const container of containers.splice(0)) container.remove();
  vi.restoreAllMocks();
});

function mount(element: React.ReactNode) {
  const container = document.createElement('div');
  document.body.append(container);
  containers.push(container);
  const root = createRoot(container);
  act(() => root.render(<InEnglish>{element}</InEnglish>));
  return { container, root };
}

describe('a part of the page that cannot be drawn', () => {
  it('says so in its place, and the rest of the page stays', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const rows = (bad: number) =>
      [0, 1, 2].map((index) => (
        <article key={index}>
          <ErrorBoundary resetKey={bad} fallback={() => <UnshowablePost url="https://social.example/@ann/1" />}>
            <Exploding when={index === bad} />
          </ErrorBoundary>
        </article>
      ));
    const { container, root } = mount(<main>{rows(1)}</main>);
    const articles = [...container.querySelectorAll('article')];
    expect(articles.map((article) => article.textContent)).toEqual(['drawn', 'This post could not be shown. Open the original', 'drawn']);
    expect(articles[1]!.querySelector('a')?.getAttribute('href')).toBe('https://social.example/@ann/1');
    // Another post in that place (a new resetKey) is drawn afresh.
    act(() => root.render(<InEnglish><main>{rows(-1)}</main></InEnglish>));
    expect([...container.querySelectorAll('article')].map((article) => article.textContent)).toEqual(['drawn', 'drawn', 'drawn']);
  });

  it('links to the original only over http(s)', () => {
    for (const url of ['javascript:alert(1)', 'data:text/html,x', '/relative', null]) {
      const { container } = mount(<UnshowablePost url={url} />);
      expect(container.querySelector('a')).toBeNull();
      expect(container.textContent).toBe('This post could not be shown. ');
    }
  });
});
