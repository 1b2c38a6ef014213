/**
 * @file A button that opens the file chooser: a label styled as a button around a visually hidden file input,
 * named for assistive technology by `label`. The input is cleared after each choice, so choosing the same file
 * again (after fixing it on disk) is a new choice.
 */
export interface FileButtonProps {
  /** What the button shows. */
  text: string;
  /** The input's accessible name. */
  label: string;
  /** Files are handed over only when at least one was chosen. */
  onFiles: (files: File[]) => void;
  accept?: string;
  multiple?: boolean;
  disabled?: boolean;
}

export function FileButton({ text, label, onFiles, accept, multiple, disabled }: FileButtonProps) {
  return (
    <label className="file-button">
      <span>{text}</span>
      <input
        type="file"
        multiple={multiple}
        accept={accept}
        aria-label={label}
        className="visually-hidden"
        disabled={disabled}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length > 0) onFiles(files);
        }}
      />
    </label>
  );
}
