/** An error the person should read: announced by screen readers at once, with a way to try again. */
export function ErrorAlert({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <div class="alert" role="alert">
      <p>{message}</p>
      {onRetry && (
        <button type="button" class="button-secondary" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
