// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import { RichTextView } from './rich-text-view.tsx';
import { parseRichDoc } from './rich-text-schema.ts';

afterEach(cleanup);

const text = (t: string, marks?: unknown[]) => ({ type: 'text', text: t, ...(marks ? { marks } : {}) });
const doc = (...content: unknown[]) => ({ type: 'doc', content });
const para = (...content: unknown[]) => ({ type: 'paragraph', content });

function html(value: unknown, fallbackText?: string) {
  return render(<RichTextView value={value} fallbackText={fallbackText} />).container;
}

describe('RichTextView', () => {
  it('renders the nodes and marks StarterKit and Link produce', () => {
    const value = doc(
      { type: 'heading', attrs: { level: 2 }, content: [text('Article 1')] },
      para(
        text('The '),
        text('two', [{ type: 'bold' }]),
        text(' sides', [{ type: 'italic' }, { type: 'underline' }]),
        { type: 'hardBreak' },
        text('CICA', [{ type: 'link', attrs: { href: 'https://www.s-cica.org/' } }]),
      ),
      { type: 'bulletList', content: [{ type: 'listItem', content: [para(text('one'))] }] },
      { type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [para(text('three'))] }] },
      { type: 'blockquote', content: [para(text('quoted'))] },
      { type: 'codeBlock', attrs: { language: null }, content: [text('x < y')] },
      { type: 'horizontalRule' },
      para(text('gone', [{ type: 'strike' }]), text('f()', [{ type: 'code' }])),
    );
    const root = html(value);
    expect(root.querySelector('h2')!.textContent).toBe('Article 1');
    expect(root.querySelector('strong')!.textContent).toBe('two');
    expect(root.querySelector('em > u, u > em')).not.toBeNull();
    expect(root.querySelector('br')).not.toBeNull();
    const link = root.querySelector('a')!;
    expect(link.getAttribute('href')).toBe('https://www.s-cica.org/');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer nofollow');
    expect(root.querySelector('ul > li > p')!.textContent).toBe('one');
    expect(root.querySelector('ol')!.getAttribute('start')).toBe('3');
    expect(root.querySelector('blockquote')!.textContent).toBe('quoted');
    expect(root.querySelector('pre > code')!.textContent).toBe('x < y');
    expect(root.querySelector('hr')).not.toBeNull();
    expect(root.querySelector('s')!.textContent).toBe('gone');
    expect(root.querySelector('p > code')!.textContent).toBe('f()');
  });

  it('never renders javascript:, data: or relative links as links', () => {
    for (const href of ['javascript:alert(1)', ' JavaScript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:x', '/relative', '//evil.invalid/x']) {
      const root = html(doc(para(text('click', [{ type: 'link', attrs: { href } }]))));
      expect(root.querySelector('a'), href).toBeNull();
      expect(root.textContent).toBe('click');
    }
    const mail = html(doc(para(text('write', [{ type: 'link', attrs: { href: 'mailto:a@example.org' } }]))));
    expect(mail.querySelector('a')!.getAttribute('href')).toBe('mailto:a@example.org');
  });

  it('renders markup inside text as text', () => {
    const root = html(doc(para(text('<img src=x onerror=alert(1)><script>alert(2)</script>'))));
    expect(root.querySelector('img, script')).toBeNull();
    expect(root.textContent).toBe('<img src=x onerror=alert(1)><script>alert(2)</script>');
  });

  it('rejects unknown nodes and attributes, falling back to the plain text', () => {
    const hostile = [
      doc({ type: 'image', attrs: { src: 'x', onerror: 'alert(1)' } }),
      doc({ type: 'iframe', attrs: { src: 'javascript:alert(1)' } }),
      doc(para({ type: 'svg', attrs: { onload: 'alert(1)' } })),
      doc(para(text('x', [{ type: 'textStyle', attrs: { style: 'background:url(javascript:alert(1))' } }]))),
      doc({ type: 'heading', attrs: { level: 'h1 onclick=alert(1)' }, content: [text('x')] }),
      { type: 'doc', content: 'not an array' },
      '<p onclick="alert(1)">html string</p>',
      null,
    ];
    for (const value of hostile) {
      expect(parseRichDoc(value), JSON.stringify(value)).toBeNull();
      const root = html(value, 'plain fallback');
      expect(root.innerHTML).toBe('<p>plain fallback</p>');
    }
  });

  it('drops attributes it does not know, such as event handlers on known nodes', () => {
    const root = html(doc({ type: 'paragraph', attrs: { onclick: 'alert(1)', style: 'color:red' }, content: [text('ok')] }));
    expect(root.innerHTML).toBe('<p>ok</p>');
  });

  it('renders nothing for an empty value without fallback', () => {
    expect(html(null).innerHTML).toBe('');
  });
});
