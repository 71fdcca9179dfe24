// A snippet whose matches the database marked (U+E000 … U+E001), with the matches as <mark>.
import { splitMarks } from '../domain/search/index.ts';

export function MarkedText({ text, className = 'search-hit' }: { text: string; className?: string }) {
  return (
    <>
      {splitMarks(text).map((s, i) =>
        s.hit ? (
          <mark key={i} className={className}>
            {s.text}
          </mark>
        ) : (
          s.text
        ),
      )}
    </>
  );
}
