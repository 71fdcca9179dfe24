/**
 * The auth emails in English and Chinese: subject, body with the action link, and the one-time
 * code, which every email carries so a user can type it (verifyOtp) instead of following the link.
 */
import { escapeHtml } from '../mail/html.ts';

export type EmailAction = 'invite' | 'signup' | 'magiclink' | 'recovery' | 'email_change' | 'reauthentication';
export type EmailLocale = 'en' | 'zh';

interface Template {
  subject: string;
  heading: string;
  intro: string;
  button?: string;
  code: string;
  footer?: string;
}

const EN: Record<EmailAction, Template> = {
  invite: {
    subject: 'You have been invited to Duizhao',
    heading: 'You have been invited',
    intro: 'You have been invited to join Duizhao (对照), a bilingual annotation workspace. Follow the link below to accept the invitation and choose your password.',
    button: 'Accept the invitation',
    code: 'Or enter this code: {code}',
    footer: 'If you were not expecting this invitation, you can ignore this email.',
  },
  signup: {
    subject: 'Confirm your email address',
    heading: 'Confirm your email address',
    intro: 'Follow the link below to confirm {email} and finish signing up for Duizhao.',
    button: 'Confirm email address',
    code: 'Or enter this code: {code}',
  },
  magiclink: {
    subject: 'Your sign-in link',
    heading: 'Your sign-in link',
    intro: 'Follow the link below to sign in to Duizhao. It works once and expires in {minutes} minutes.',
    button: 'Sign in',
    code: 'Or enter this code: {code}',
    footer: 'If you did not ask to sign in, you can ignore this email.',
  },
  recovery: {
    subject: 'Reset your password',
    heading: 'Reset your password',
    intro: 'We received a request to reset the password for {email}. Follow the link below to choose a new one.',
    button: 'Reset password',
    code: 'Or enter this code: {code}',
    footer: 'If you did not ask for this, you can safely ignore this email.',
  },
  email_change: {
    subject: 'Confirm your new email address',
    heading: 'Confirm the change of email address',
    intro: 'Follow the link below to confirm changing your Duizhao email address from {email} to {newEmail}.',
    button: 'Confirm the change',
    code: 'Or enter this code: {code}',
    footer: 'If you did not ask for this change, you can ignore this email.',
  },
  reauthentication: {
    subject: '{code} is your verification code',
    heading: 'Your verification code',
    intro: 'Use this code to confirm it is you. It expires in {minutes} minutes.',
    code: '{code}',
  },
};

const ZH: Record<EmailAction, Template> = {
  invite: {
    subject: '您已受邀加入对照（Duizhao）',
    heading: '您收到了一份邀请',
    intro: '您已受邀加入对照（Duizhao）——一个中英对照的批注工作台。点击下方链接接受邀请并设置密码。',
    button: '接受邀请',
    code: '或输入验证码：{code}',
    footer: '如果您没有预期收到此邀请，请忽略本邮件。',
  },
  signup: {
    subject: '请确认您的邮箱地址',
    heading: '请确认您的邮箱地址',
    intro: '点击下方链接确认 {email}，完成对照（Duizhao）的注册。',
    button: '确认邮箱地址',
    code: '或输入验证码：{code}',
  },
  magiclink: {
    subject: '您的登录链接',
    heading: '您的登录链接',
    intro: '点击下方链接登录对照（Duizhao）。该链接仅可使用一次，{minutes} 分钟后失效。',
    button: '登录',
    code: '或输入验证码：{code}',
    footer: '如果这不是您本人的登录请求，请忽略本邮件。',
  },
  recovery: {
    subject: '重置密码',
    heading: '重置密码',
    intro: '我们收到了为 {email} 重置密码的请求。点击下方链接设置新密码。',
    button: '重置密码',
    code: '或输入验证码：{code}',
    footer: '如果这不是您本人的操作，请忽略本邮件。',
  },
  email_change: {
    subject: '请确认新的邮箱地址',
    heading: '确认更改邮箱地址',
    intro: '点击下方链接，确认将对照（Duizhao）的邮箱地址从 {email} 更改为 {newEmail}。',
    button: '确认更改',
    code: '或输入验证码：{code}',
    footer: '如果这不是您本人的操作，请忽略本邮件。',
  },
  reauthentication: {
    subject: '{code} 是您的验证码',
    heading: '您的验证码',
    intro: '请使用以下验证码确认是您本人操作，{minutes} 分钟内有效。',
    code: '{code}',
  },
};

const TEMPLATES: Record<EmailLocale, Record<EmailAction, Template>> = { en: EN, zh: ZH };

export interface EmailContent {
  subject: string;
  html: string;
  text: string;
}

export interface EmailVariables {
  code: string;
  email: string;
  newEmail?: string;
  link?: string;
  minutes: number;
}


function fill(template: string, vars: EmailVariables, escape: (s: string) => string): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = (vars as unknown as Record<string, unknown>)[name];
    return value === undefined ? whole : escape(String(value));
  });
}

export function renderEmail(action: EmailAction, locale: EmailLocale, vars: EmailVariables): EmailContent {
  const t = TEMPLATES[locale][action];
  const plain = (s: string) => fill(s, vars, (v) => v);
  const html = (s: string) => fill(escapeHtml(s), vars, escapeHtml);
  const codeHtml = action === 'reauthentication' ? `<p style="font-size:24px;letter-spacing:4px"><strong>${escapeHtml(vars.code)}</strong></p>` : `<p>${html(t.code)}</p>`;
  const parts = [
    `<h2>${html(t.heading)}</h2>`,
    `<p>${html(t.intro)}</p>`,
    t.button && vars.link ? `<p><a href="${escapeHtml(vars.link)}">${html(t.button)}</a></p>` : '',
    codeHtml,
    t.footer ? `<p>${html(t.footer)}</p>` : '',
  ];
  const lang = locale === 'zh' ? 'zh-CN' : 'en';
  return {
    subject: plain(t.subject),
    html: `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${html(t.subject)}</title></head><body>${parts.filter(Boolean).join('\n')}</body></html>`,
    text: [plain(t.heading), '', plain(t.intro), ...(t.button && vars.link ? ['', `${plain(t.button)}: ${vars.link}`] : []), '', plain(t.code), ...(t.footer ? ['', plain(t.footer)] : [])].join('\n'),
  };
}

/** A `locale` in the user's metadata, else the request's Accept-Language, else English. */
export function emailLocale(userMetadata: Record<string, unknown> | null | undefined, acceptLanguage: string | undefined): EmailLocale {
  const chosen = userMetadata?.locale ?? userMetadata?.language;
  if (typeof chosen === 'string' && chosen !== '') return /^zh\b/i.test(chosen) ? 'zh' : 'en';
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]!.trim().toLowerCase();
    if (tag.startsWith('zh')) return 'zh';
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
}
