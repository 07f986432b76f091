import { useEffect, useRef, useState } from 'preact/hooks';

import { ApiError, graphql } from '../api/graphql';
import {
  CREATE_SEARCH_PROFILE_MUTATION,
  type CreateSearchProfileAnswer,
  DELETE_SEARCH_PROFILE_MUTATION,
  type DeleteSearchProfileAnswer,
  SEARCH_PROFILE_DIGEST_QUERY,
  type SearchProfileDigestAnswer,
  UPDATE_SEARCH_PROFILE_MUTATION,
  type UpdateSearchProfileAnswer,
} from '../api/operations';
import { ErrorAlert } from '../components/alert';
import { ProfileForm } from '../components/profile-form';
import { TokenDialog } from '../components/token-dialog';
import { type Loadable, messageOf } from '../hooks';
import { forgetToken, rememberedToken, rememberToken } from '../lib/admin-token';
import { formatInstant } from '../lib/format';
import {
  describeProfile,
  fieldErrorsOf,
  type ProfileField,
  ProfileFieldError,
  type ProfileFormValues,
  profileInputOf,
  readableProblem,
  type SearchProfile,
} from '../lib/profiles';
import { hrefOf } from '../lib/route';

/** Something that needs the admin token, waiting for it. */
interface PendingAction {
  /** What the token is for, e.g. "Save": the dialog's button. */
  label: string;
  act: (token: string) => Promise<void>;
}

/**
 * The saved searches (`searchProfiles`): what each looks for, a link to its jobs, and — with the admin token —
 * creating, editing and deleting them. A refused token asks again; a refused field is marked on the form.
 */
export function SearchesView({
  profiles,
  onChanged,
  onRetry,
}: {
  profiles: Loadable<SearchProfile[]>;
  /** A saved search was created, changed or deleted: read them again. */
  onChanged: () => void;
  onRetry: () => void;
}) {
  /** The form shown: of a saved search (its id), of a new one (null), or none (undefined). */
  const [editing, setEditing] = useState<string | null | undefined>(undefined);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<ProfileField, string>>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [dialog, setDialog] = useState<(PendingAction & { error: string | null }) | null>(null);
  /** The recipients of the saved search being edited, read with the admin token; absent: not shown. */
  const [digestTo, setDigestTo] = useState<{ id: string; addresses: string[] } | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const list = profiles.data ?? [];
  const listed = editing ? (list.find((profile) => profile.id === editing) ?? null) : null;
  const edited = listed && { ...listed, digestTo: digestTo?.id === listed.id ? digestTo.addresses : null };

  /**
   * Opens the form; an edit first reads the saved search's recipients with the remembered token (the list is
   * public and holds none). Without a token, or when it is refused, they stay hidden and an edit keeps them.
   */
  const openForm = async (id: string | null): Promise<void> => {
    setDigestTo(null);
    const token = rememberedToken();
    if (id && token) {
      try {
        const answer = await graphql<SearchProfileDigestAnswer>(
          SEARCH_PROFILE_DIGEST_QUERY,
          { id },
          { token },
        );
        const addresses = answer.searchProfile?.digestTo;
        if (addresses) setDigestTo({ id, addresses });
      } catch (error) {
        if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') forgetToken();
      }
    }
    setEditing(id);
    setFieldErrors({});
    setProblem(null);
    setNotice('');
    setConfirming(null);
  };
  const closeForm = (): void => {
    setEditing(undefined);
    setFieldErrors({});
    setProblem(null);
  };

  /** Runs the action with the token remembered, or asks for one first. */
  const withToken = (action: PendingAction): void => {
    const token = rememberedToken();
    if (token) void attempt(action, token, null);
    else setDialog({ ...action, error: null });
  };

  /**
   * Runs the action with a token; a refused token is forgotten and asked for again. The action reports its own
   * failures; the token is kept (as the person asked) once the API took it.
   */
  const attempt = async (action: PendingAction, token: string, rememberForTab: boolean | null) => {
    setDialog(null);
    setBusy(true);
    try {
      await action.act(token);
      if (rememberForTab !== null) rememberToken(token, rememberForTab);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') {
        forgetToken();
        setDialog({ ...action, error: 'The admin token was not accepted. Check ADMIN_TOKEN and try again.' });
      } else {
        setProblem(messageOf(error));
      }
    } finally {
      setBusy(false);
    }
  };

  const save = (values: ProfileFormValues): void => {
    let input: Record<string, unknown>;
    try {
      input = profileInputOf(values, edited === null || edited.digestTo !== null);
    } catch (error) {
      if (!(error instanceof ProfileFieldError)) throw error;
      setFieldErrors({ [error.field]: error.message });
      setProblem(error.message);
      return;
    }
    const id = editing;
    withToken({
      label: id ? 'Save changes' : 'Create saved search',
      act: async (token) => {
        try {
          const saved = id
            ? (
                await graphql<UpdateSearchProfileAnswer>(
                  UPDATE_SEARCH_PROFILE_MUTATION,
                  { id, input },
                  { token },
                )
              ).updateSearchProfile
            : (await graphql<CreateSearchProfileAnswer>(CREATE_SEARCH_PROFILE_MUTATION, { input }, { token }))
                .createSearchProfile;
          closeForm();
          setNotice(id ? `Saved the changes to “${saved.name}”.` : `Created “${saved.name}”.`);
          onChanged();
          heading.current?.focus();
        } catch (error) {
          if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') throw error;
          const fields =
            error instanceof ApiError && error.code === 'BAD_USER_INPUT'
              ? fieldErrorsOf(error.argumentPaths, error.message)
              : {};
          setFieldErrors(fields);
          setProblem(readableProblem(messageOf(error)));
        }
      },
    });
  };

  const remove = (profile: SearchProfile): void => {
    withToken({
      label: 'Delete',
      act: async (token) => {
        try {
          await graphql<DeleteSearchProfileAnswer>(
            DELETE_SEARCH_PROFILE_MUTATION,
            { id: profile.id },
            { token },
          );
          setConfirming(null);
          if (editing === profile.id) closeForm();
          setNotice(`Deleted “${profile.name}”. Its jobs stay stored.`);
          onChanged();
          heading.current?.focus();
        } catch (error) {
          if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') throw error;
          setNotice('');
          setProblem(`“${profile.name}” was not deleted: ${messageOf(error)}`);
        }
      },
    });
  };

  // A saved search deleted elsewhere closes its form.
  useEffect(() => {
    if (editing && profiles.state === 'done' && !edited) closeForm();
  }, [profiles.data]);

  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        Saved searches
      </h1>
      <p>
        Each saved search is what one job seeker looks for on USAJOBS. A run over every saved search (Run now,
        the schedule, <code>npm run etl</code>) searches for each enabled one and keeps the postings that fit
        it; pick one above the jobs to see only its jobs. Creating, changing or deleting one needs the admin
        token. Deleting one keeps its jobs.
      </p>
      <div class="form-actions">
        <button type="button" onClick={() => void openForm(null)} disabled={editing === null}>
          New saved search
        </button>
      </div>
      <p role="status" aria-live="polite" class="notice">
        {notice}
      </p>
      {problem && editing === undefined && <ErrorAlert message={problem} />}
      {editing !== undefined && (editing === null || edited) && (
        <ProfileForm
          profile={edited}
          errors={fieldErrors}
          problem={problem}
          busy={busy}
          onSave={save}
          onCancel={closeForm}
        />
      )}
      <TokenDialog
        open={dialog !== null}
        error={dialog?.error ?? null}
        action={dialog?.label ?? 'Save'}
        onSubmit={(token, remember) => {
          if (dialog) void attempt(dialog, token, remember);
        }}
        onCancel={() => setDialog(null)}
      />
      {profiles.state === 'failed' && <ErrorAlert message={profiles.error} onRetry={onRetry} />}
      {profiles.state === 'loading' && list.length === 0 && <p role="status">Loading the saved searches…</p>}
      {profiles.state === 'done' && list.length === 0 && (
        <p class="empty">
          No saved search yet. The first run creates the default one (data engineering near Chicago).
        </p>
      )}
      {list.length > 0 && (
        <div class="table-scroll" role="region" aria-label="Saved searches" tabIndex={0}>
          <table class="profile-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Looks for</th>
                <th scope="col">In runs</th>
                <th scope="col">Last changed</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {list.map((profile) => (
                <tr key={profile.id}>
                  <th scope="row">{profile.name}</th>
                  <td>{describeProfile(profile)}</td>
                  <td>{profile.enabled ? 'Enabled' : 'Disabled'}</td>
                  <td>{formatInstant(profile.updatedAt)}</td>
                  <td class="row-actions">
                    {confirming === profile.id ? (
                      <ConfirmDelete
                        name={profile.name}
                        busy={busy}
                        onDelete={() => remove(profile)}
                        onKeep={() => setConfirming(null)}
                      />
                    ) : (
                      <>
                        <a href={hrefOf('jobs', new URLSearchParams({ profile: profile.id }))}>
                          Jobs<span class="visually-hidden"> of “{profile.name}”</span>
                        </a>
                        <button
                          type="button"
                          class="button-secondary button-small"
                          onClick={() => void openForm(profile.id)}
                        >
                          Edit<span class="visually-hidden"> “{profile.name}”</span>
                        </button>
                        <button
                          type="button"
                          class="button-secondary button-small"
                          onClick={() => {
                            setNotice('');
                            setConfirming(profile.id);
                          }}
                        >
                          Delete<span class="visually-hidden"> “{profile.name}”</span>
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

/** Asks once more before a delete; the focus goes to "Keep" so that Enter twice deletes nothing. */
function ConfirmDelete({
  name,
  busy,
  onDelete,
  onKeep,
}: {
  name: string;
  busy: boolean;
  onDelete: () => void;
  onKeep: () => void;
}) {
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => keep.current?.focus(), []);
  return (
    <span class="confirm" role="group" aria-label={`Delete “${name}”?`}>
      <span>Delete it? Its jobs stay stored.</span>
      <button type="button" class="button-danger button-small" disabled={busy} onClick={onDelete}>
        Delete<span class="visually-hidden"> “{name}” for good</span>
      </button>
      <button ref={keep} type="button" class="button-secondary button-small" onClick={onKeep}>
        Keep<span class="visually-hidden"> “{name}”</span>
      </button>
    </span>
  );
}
