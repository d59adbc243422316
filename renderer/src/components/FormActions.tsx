interface Props {
  /** The submit button: its words, and its words while the form's work runs. */
  submit: string;
  pending: string;
  busy: boolean;
  disabled?: boolean;
  /** The quiet button beside it (Cancel, Back, another way to sign in). */
  other: { label: string; onClick: () => void };
}

/** A form's buttons: submit (disabled and saying so while busy), and one quiet way out. */
export function FormActions({ submit, pending, busy, disabled = false, other }: Props) {
  return (
    <div className="form-actions">
      <button type="submit" className="button button-primary" disabled={busy || disabled}>
        {busy ? pending : submit}
      </button>
      <button type="button" className="button button-quiet" onClick={other.onClick}>
        {other.label}
      </button>
    </div>
  );
}
