// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { sanitizePastedHtml } from './sanitize-paste.ts';

describe('sanitizePastedHtml', () => {
  it('removes handlers, scripts, frames, images and unsafe links before tiptap parses the paste', () => {
    const out = sanitizePastedHtml(
      '<p onclick="alert(1)">Hi <img src=x onerror="alert(1)"><svg onload="alert(1)"></svg><iframe src="javascript:alert(1)"></iframe>' +
        '<script>alert(1)</script><a href="javascript:alert(1)">js</a> <a href="https://example.org">ok</a></p>',
    );
    expect(out).not.toMatch(/onclick|onerror|onload|<img|<svg|<iframe|<script|javascript:/i);
    expect(out).toContain('<a href="https://example.org">ok</a>');
    expect(out).toContain('Hi');
  });
});
