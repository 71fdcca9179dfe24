import { describe, expect, it } from 'vitest';
import type { HttpRequest } from '../http/types.ts';
import { parseBody, signupBody, userUpdateBody, validateEmail, validatePhone } from './validation.ts';

const request = (body: string): HttpRequest => ({
  method: 'POST',
  url: new URL('http://localhost/auth/v1/signup'),
  headers: {},
  body: Buffer.from(body),
  path: '/signup',
  remoteAddress: '127.0.0.1',
});

describe('validateEmail (checkmail’s format, lower-cased)', () => {
  it.each(['a@b', 'First.Last+tag@Example.COM', "o'neil@example.co.uk", 'x_y-z@sub-domain.example'])('accepts %s', (email) => {
    expect(validateEmail(email)).toBe(email.toLowerCase());
  });

  it.each(['plain', '@example.com', 'a@', 'a b@example.com', 'a@-example.com', 'a@example..com', '用户@例子.中国'])('refuses %s', (email) => {
    expect(() => validateEmail(email)).toThrow('Unable to validate email address: invalid format');
  });

  it('requires an address and bounds its length', () => {
    expect(() => validateEmail('')).toThrow('An email address is required');
    expect(() => validateEmail(`${'a'.repeat(250)}@b.com`)).toThrow('An email address is too long');
  });
});

describe('validatePhone (E.164 without the plus)', () => {
  it('strips the plus and spaces', () => {
    expect(validatePhone('+86 138 0013 8000')).toBe('8613800138000');
  });
  it.each(['0123456', '+', 'abc', '1234567890123456'])('refuses %s', (phone) => {
    expect(() => validatePhone(phone)).toThrow('Invalid phone number format (E.164 required)');
  });
});

describe('parseBody', () => {
  it('treats null fields as absent, like Go’s zero values', () => {
    expect(parseBody(request('{"email":null,"password":"x","data":null}'), signupBody)).toEqual({ email: null, password: 'x', data: null });
    expect(parseBody(request('null'), signupBody)).toEqual({});
  });

  it('keeps unknown fields out of the result', () => {
    expect(parseBody(request('{"password":"x","gotrue_meta_security":{}}'), signupBody)).toEqual({ password: 'x' });
  });

  it('reports wrong JSON types the way encoding/json does', () => {
    expect(() => parseBody(request('{"data":"text"}'), userUpdateBody)).toThrow(
      'Could not parse request body as JSON: json: cannot unmarshal string into Go struct field UserUpdateParams.data of type map[string]interface {}',
    );
    expect(() => parseBody(request('"x"'), signupBody)).toThrow('json: cannot unmarshal string into Go value of type api.SignupParams');
  });

  it('reports unparseable bodies as bad_json', () => {
    expect(() => parseBody(request(''), signupBody)).toThrow('Could not parse request body as JSON: unexpected end of JSON input');
    expect(() => parseBody(request('{'), signupBody)).toThrow(/^Could not parse request body as JSON: /);
  });
});
