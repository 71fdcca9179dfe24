/**
 * Sending auth emails: the action link to /verify, the template in the recipient's language, and
 * delivery to the mail catcher. Emails are composed inside a transaction and delivered after it
 * commits, so no link ever points at a token that was rolled back.
 */
import type { HttpRequest } from '../http/types.ts';
import type { AuthDeps } from './context.ts';
import { type EmailAction, emailLocale, renderEmail } from './email-templates.ts';

export interface PendingEmail {
  action: EmailAction;
  to: string;
  /** The code typed instead of following the link. */
  code: string;
  /** The token hash the link carries; no link for reauthentication. */
  tokenHash?: string;
  /** The `type` the link names (an email change is confirmed with `email_change`). */
  linkType?: string;
  redirectTo?: string;
  /** The account's current address and, for a change, the new one. */
  email: string;
  newEmail?: string;
  locale: 'en' | 'zh';
}

/**
 * The link an email carries: GoTrue's /verify with the token hash, type and redirect (its URL
 * paths as the CLI sets them). Like GoTrue's encodeRedirectURL, the redirect goes in as it is
 * unless it holds `&`, `=` or `#`, which would break the query.
 */
export function verifyLink(deps: AuthDeps, tokenHash: string, type: string, redirectTo: string): string {
  const redirect = /[&=#]/.test(redirectTo) ? encodeURIComponent(redirectTo) : redirectTo;
  return `${deps.ctx.config.siteUrl}/auth/v1/verify?token=${encodeURIComponent(tokenHash)}&type=${encodeURIComponent(type)}&redirect_to=${redirect}`;
}

/** The language for an email about this user, from their metadata or the request. */
export function localeFor(req: HttpRequest, userMetadata: Record<string, unknown> | null | undefined): 'en' | 'zh' {
  return emailLocale(userMetadata, req.headers['accept-language']);
}

export function deliver(deps: AuthDeps, emails: readonly PendingEmail[]): void {
  const { config } = deps.ctx;
  for (const e of emails) {
    const link = e.tokenHash ? verifyLink(deps, e.tokenHash, e.linkType ?? e.action, e.redirectTo ?? config.auth.siteUrl) : undefined;
    const content = renderEmail(e.action, e.locale, {
      code: e.code,
      email: e.email,
      newEmail: e.newEmail,
      link,
      minutes: Math.round(config.auth.email.otpExpirySec / 60),
    });
    deps.mailbox.deliver({
      from: { Name: config.mail.senderName, Address: config.mail.adminEmail },
      to: [{ Name: '', Address: e.to }],
      subject: content.subject,
      text: content.text,
      html: content.html,
      headers: { 'Content-Language': e.locale === 'zh' ? 'zh-CN' : 'en' },
    });
  }
}
