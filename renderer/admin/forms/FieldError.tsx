// The error of one field, shown right under it and announced (role="alert") when it appears.
// Always rendered (empty when fine) so aria-describedby never points at nothing.
export function FieldError({ id, message }: { id: string; message?: string | null }) {
  return (
    <span id={id} className="admin-field-error" role={message ? 'alert' : undefined} data-testid="field-error">
      {message ?? ''}
    </span>
  );
}
