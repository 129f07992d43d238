/** The console's two dialogs: the keyboard help (`?`) and the dispatcher's name, asked before acknowledging. */
import { type ReactNode, useState } from 'react';
import { useLang } from '../../ui/i18n/lang-context';
import styles from './dispatch.module.css';
import { type DispatchMessageId, dt } from './dispatch-messages';

const HELP_KEYS: readonly [string, DispatchMessageId][] = [
  ['/', 'help.slash'],
  ['↑ ↓', 'help.arrows'],
  ['Enter', 'help.enter'],
  ['a', 'help.a'],
  ['Esc', 'help.esc'],
  ['1 2 3 4', 'help.tabs'],
  ['?', 'help.question'],
];

/** A modal layer over the console. */
function Overlay({ label, testId, children }: { label: string; testId: string; children: ReactNode }) {
  return (
    <div className={styles.overlay} role="dialog" aria-modal="true" aria-label={label} data-testid={testId}>
      {children}
    </div>
  );
}

export function HelpOverlay({ onClose }: { onClose: () => void }) {
  const lang = useLang();
  return (
    <Overlay label={dt(lang, 'help.title')} testId="help-overlay">
      <div className={styles.dialog}>
        <h2>{dt(lang, 'help.title')}</h2>
        <dl className={styles.keys}>
          {HELP_KEYS.map(([k, id]) => (
            <div key={k}>
              <dt>
                <kbd>{k}</kbd>
              </dt>
              <dd>{dt(lang, id)}</dd>
            </div>
          ))}
        </dl>
        <button type="button" className={styles.smallButton} onClick={onClose}>
          {dt(lang, 'drill.close')} (Esc)
        </button>
      </div>
    </Overlay>
  );
}

export function NameDialog({
  initial,
  onSave,
  onCancel,
}: {
  initial: string;
  onSave: (n: string) => void;
  onCancel: () => void;
}) {
  const lang = useLang();
  const [name, setName] = useState(initial);
  const valid = name.trim().length > 0 && [...name.trim()].length <= 64;
  return (
    <Overlay label={dt(lang, 'name.title')} testId="name-dialog">
      <form
        className={styles.dialog}
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) onSave(name.trim());
        }}
      >
        <h2>{dt(lang, 'name.title')}</h2>
        <p>{dt(lang, 'name.prompt')}</p>
        <input
          // biome-ignore lint/a11y/noAutofocus: the dialog exists to ask exactly this
          autoFocus
          className={styles.filterInput}
          value={name}
          maxLength={64}
          onChange={(e) => setName(e.target.value.replace(/[\r\n\t]/g, ' '))}
          data-testid="name-input"
        />
        <div className={styles.dialogButtons}>
          <button type="submit" className={styles.ackButton} disabled={!valid} data-testid="name-save">
            {dt(lang, 'name.save')}
          </button>
          <button type="button" className={styles.smallButton} onClick={onCancel}>
            {dt(lang, 'name.cancel')}
          </button>
        </div>
      </form>
    </Overlay>
  );
}
