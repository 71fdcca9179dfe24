// The alignment editor's tools with their shortcuts, and the list of keys.
import { useT, type MessageKey } from '../../i18n/i18n.tsx';
import type { EditCommand } from './commands.ts';

export type ToolCommand = EditCommand | 'realign' | 'undo' | 'redo' | 'nextToCheck' | 'splitEnglish';

interface Tool {
  command: ToolCommand;
  label: MessageKey;
  /** A shorter label narrow screens show instead (the toolbar keeps to two lines at 1024 px). */
  short?: MessageKey;
  keys: string;
  /** aria-keyshortcuts value. */
  aria: string;
}

const TOOLS: Tool[][] = [
  [
    { command: 'undo', label: 'align.tool.undo', keys: 'Ctrl+Z', aria: 'Control+Z' },
    { command: 'redo', label: 'align.tool.redo', keys: 'Ctrl+Shift+Z', aria: 'Control+Shift+Z' },
  ],
  [
    { command: 'merge', label: 'align.tool.merge', keys: 'M', aria: 'M' },
    { command: 'split', label: 'align.tool.split', keys: 'S', aria: 'S' },
    { command: 'splitEnglish', label: 'align.tool.splitEnglish', keys: 'E', aria: 'E' },
    { command: 'shiftUp', label: 'align.tool.shiftUp', short: 'align.tool.shiftUp.short', keys: 'Alt+↑', aria: 'Alt+ArrowUp' },
    { command: 'shiftDown', label: 'align.tool.shiftDown', short: 'align.tool.shiftDown.short', keys: 'Alt+↓', aria: 'Alt+ArrowDown' },
    { command: 'shiftUpZh', label: 'align.tool.shiftUpZh', short: 'align.tool.shiftUpZh.short', keys: 'Alt+Shift+↑', aria: 'Alt+Shift+ArrowUp' },
    { command: 'shiftDownZh', label: 'align.tool.shiftDownZh', short: 'align.tool.shiftDownZh.short', keys: 'Alt+Shift+↓', aria: 'Alt+Shift+ArrowDown' },
    { command: 'unmatch', label: 'align.tool.unmatch', keys: 'U', aria: 'U' },
  ],
  [
    { command: 'confirm', label: 'align.tool.confirm', keys: 'Enter', aria: 'Enter' },
    { command: 'confirmAbove', label: 'align.tool.confirmAbove', keys: 'Shift+Enter', aria: 'Shift+Enter' },
    { command: 'realign', label: 'align.tool.realign', keys: 'R', aria: 'R' },
    { command: 'nextToCheck', label: 'align.tool.nextToCheck', keys: 'N', aria: 'N' },
  ],
];

const MOVE_KEYS: { keys: string; label: MessageKey }[] = [
  { keys: '↑ / ↓', label: 'align.keys.move' },
  { keys: 'Home / End', label: 'align.keys.ends' },
];

interface AlignmentToolbarProps {
  /** The selected row is confirmed: the confirm tool reads "unconfirm". */
  selectedConfirmed: boolean;
  enabled: (command: ToolCommand) => boolean;
  run: (command: ToolCommand) => void;
}

export function AlignmentToolbar({ selectedConfirmed, enabled, run }: AlignmentToolbarProps) {
  const t = useT();
  return (
    <div className="align-toolbar" role="toolbar" aria-label={t('align.tools')}>
      {TOOLS.map((group, g) => (
        <div key={g} className="align-tool-group">
          {group.map((tool) => {
            const label = tool.command === 'confirm' && selectedConfirmed ? t('align.tool.unconfirm') : t(tool.label);
            return (
              <button
                key={tool.command}
                type="button"
                className="button button-small align-tool"
                disabled={!enabled(tool.command)}
                aria-keyshortcuts={tool.aria}
                title={`${label} (${tool.keys})`}
                onClick={() => run(tool.command)}
              >
                {tool.short && !(tool.command === 'confirm' && selectedConfirmed) ? (
                  <>
                    <span className="align-tool-full">{label}</span>
                    <span className="align-tool-short">{t(tool.short)}</span>
                  </>
                ) : (
                  label
                )}
                <kbd aria-hidden="true">{tool.keys}</kbd>
              </button>
            );
          })}
        </div>
      ))}
    </div>
  );
}

export function KeyboardHelp() {
  const t = useT();
  return (
    <details className="align-keys">
      <summary>{t('align.keys.title')}</summary>
      <dl>
        {TOOLS.flat().map((tool) => (
          <div key={tool.command}>
            <dt>
              <kbd>{tool.keys}</kbd>
            </dt>
            <dd>{t(tool.label)}</dd>
          </div>
        ))}
        {MOVE_KEYS.map((k) => (
          <div key={k.keys}>
            <dt>
              <kbd>{k.keys}</kbd>
            </dt>
            <dd>{t(k.label)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
