import { describe, expect, it } from 'vitest';
import { AuthHttpError, OAuthError, WeakPasswordError, renderError, requestedApiVersion } from './errors.ts';

const v2024 = { 'x-supabase-api-version': '2024-01-01' };
const body = (r: ReturnType<typeof renderError>) => JSON.parse(String(r.body));

describe('requestedApiVersion', () => {
  it.each([
    [{}, 'initial'],
    [v2024, '2024-01-01'],
    [{ 'x-supabase-api-version': '2025-06-30' }, '2024-01-01'],
    [{ 'x-supabase-api-version': '2023-12-31' }, 'initial'],
    [{ 'x-supabase-api-version': 'latest' }, 'initial'],
  ])('%j → %s', (headers, version) => {
    expect(requestedApiVersion(headers as Record<string, string>)).toBe(version);
  });
});

describe('renderError', () => {
  const err = new AuthHttpError(400, 'invalid_credentials', 'Invalid login credentials');

  it('renders the 2024-01-01 shape with the version and error-code headers', () => {
    const r = renderError(err, v2024);
    expect(r.status).toBe(400);
    expect(body(r)).toEqual({ code: 'invalid_credentials', message: 'Invalid login credentials' });
    expect(r.headers).toMatchObject({ 'X-Supabase-Api-Version': '2024-01-01', 'x-sb-error-code': 'invalid_credentials', 'content-type': 'application/json' });
  });

  it('renders the legacy shape without the version header', () => {
    const r = renderError(err, {});
    expect(body(r)).toEqual({ code: 400, error_code: 'invalid_credentials', msg: 'Invalid login credentials' });
    expect(r.headers).not.toHaveProperty('X-Supabase-Api-Version');
    expect(r.headers).toMatchObject({ 'x-sb-error-code': 'invalid_credentials' });
  });

  it('adds weak_password.reasons in both shapes', () => {
    const weak = new WeakPasswordError('Password should be at least 6 characters.', ['length']);
    expect(body(renderError(weak, v2024))).toEqual({
      code: 'weak_password',
      message: 'Password should be at least 6 characters.',
      weak_password: { reasons: ['length'] },
    });
    expect(body(renderError(weak, {}))).toEqual({
      code: 422,
      error_code: 'weak_password',
      msg: 'Password should be at least 6 characters.',
      weak_password: { reasons: ['length'] },
    });
  });

  it('renders OAuth errors as {error, error_description} with status 400 and no error-code header', () => {
    const r = renderError(new OAuthError('invalid_request', 'refresh_token required'), v2024);
    expect(r.status).toBe(400);
    expect(body(r)).toEqual({ error: 'invalid_request', error_description: 'refresh_token required' });
    expect(r.headers).not.toHaveProperty('x-sb-error-code');
  });

  it('hides unexpected errors behind unexpected_failure', () => {
    const original = console.error;
    console.error = () => undefined;
    try {
      const r = renderError(new TypeError('boom'), v2024);
      expect(r.status).toBe(500);
      expect(body(r)).toEqual({ code: 'unexpected_failure', message: 'Unexpected failure, please check server logs for more information' });
    } finally {
      console.error = original;
    }
  });
});
