// The frame of the signed-out screens: brand, language, a lead line, the form.
import type { ReactNode } from 'react';
import { LanguageSelect } from '../../components/language-select.tsx';

export function AuthCard({ lead, children }: { lead: ReactNode; children: ReactNode }) {
  return (
    <main className="sign-in">
      <div className="sign-in-card">
        <div className="sign-in-top">
          <h1 className="brand brand-large">
            <span lang="zh-CN">对照</span> Duizhao
          </h1>
          <LanguageSelect />
        </div>
        <p className="sign-in-lead">{lead}</p>
        {children}
      </div>
    </main>
  );
}

/** A labelled input of the auth forms, wired to the form's error message. */
export function AuthField({
  id,
  label,
  type,
  value,
  onChange,
  autoComplete,
  errorId,
  hint,
  required = true,
}: {
  id: string;
  label: string;
  type: 'email' | 'password' | 'text';
  value: string;
  onChange: (value: string) => void;
  autoComplete: string;
  errorId: string | null;
  hint?: string;
  required?: boolean;
}) {
  const described = [hint ? `${id}-hint` : null, errorId].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        autoComplete={autoComplete}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={described || undefined}
        required={required}
      />
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
