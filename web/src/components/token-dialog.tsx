import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * Asks for the admin token (a modal dialog: focus stays inside, Escape cancels). The token is handed to the caller
 * and kept only as admin-token.ts says: in memory, or for this tab when the person ticks the box.
 */
export function TokenDialog({
  open,
  error,
  action,
  onSubmit,
  onCancel,
}: {
  open: boolean;
  /** Why the last token did not work, shown in the dialog. */
  error: string | null;
  /** What the token is for, e.g. "Run now". */
  action: string;
  onSubmit: (token: string, rememberForTab: boolean) => void;
  onCancel: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [token, setToken] = useState('');
  const [remember, setRemember] = useState(false);

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (open && !el.open) {
      setToken('');
      el.showModal();
    } else if (!open && el.open) {
      el.close();
    }
  }, [open]);

  return (
    <dialog
      ref={dialog}
      class="dialog"
      aria-labelledby="token-dialog-title"
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          if (token.trim() !== '') onSubmit(token.trim(), remember);
        }}
      >
        <h2 id="token-dialog-title">Admin token</h2>
        <p>
          {action} needs the service's admin token (<code>ADMIN_TOKEN</code>). It is sent only to this service
          and kept in this page's memory.
        </p>
        {error && (
          <p class="alert" role="alert" id="token-error">
            {error}
          </p>
        )}
        <div class="field">
          <label for="admin-token">Admin token</label>
          <input
            id="admin-token"
            name="admin-token"
            type="password"
            autocomplete="off"
            required
            value={token}
            aria-describedby={error ? 'token-error' : undefined}
            aria-invalid={error ? 'true' : undefined}
            onInput={(event) => setToken((event.currentTarget as HTMLInputElement).value)}
          />
        </div>
        <div class="field field-checkbox">
          <input
            id="remember-token"
            type="checkbox"
            checked={remember}
            onChange={(event) => setRemember((event.currentTarget as HTMLInputElement).checked)}
          />
          <label for="remember-token">Remember it until this tab is closed</label>
        </div>
        <div class="form-actions">
          <button type="submit">{action}</button>
          <button type="button" class="button-secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
