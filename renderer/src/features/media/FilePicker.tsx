// One hidden file input behind attach buttons (the inbox composer's paperclip, the sandbox's photo / voice / file):
// a button says what kind of file it asks for; the chosen file comes back with that kind.
import { useRef, type ReactNode } from 'react';

export function useFilePicker<M>(onFile: (file: File, mode: M) => void, initialMode: M, testId: string) {
  const input = useRef<HTMLInputElement>(null);
  // What the last button asked for; a file set straight on the input (tests, drag onto it) keeps the last one.
  const mode = useRef<M>(initialMode);
  const open = (m: M, accept = '') => {
    mode.current = m;
    if (!input.current) return;
    input.current.accept = accept;
    input.current.click();
  };
  const element = (
    <input
      ref={input}
      type="file"
      hidden
      data-testid={testId}
      onChange={(e) => {
        const f = e.target.files?.[0];
        e.target.value = '';
        if (f) onFile(f, mode.current);
      }}
    />
  );
  return { open, input: element };
}

/** A small button that opens the picker for one kind of file. */
export function PickButton({
  label,
  testId,
  onClick,
  children,
}: {
  label: string;
  testId: string;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button className="btn small" type="button" title={label} aria-label={label} onClick={onClick} data-testid={testId}>
      {children}
    </button>
  );
}
