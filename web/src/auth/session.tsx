// Who is signed in, for the whole page: GET /auth/me on load, POST /auth/login and /auth/logout, and
// the end of a session wherever it shows (a 401 from any request, or the session's own expiry time),
// which sends the person to the sign-in page with the reason.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, onSessionEnd, unwrap, type Problem, type SessionUser } from '../api/client';

/** Why nobody is signed in, for the sign-in page to say. */
export type SignedOutReason = 'expired' | 'signedOut';

export interface Session {
  /** undefined while the first answer is awaited; null when nobody is signed in. */
  user: SessionUser | null | undefined;
  reason?: SignedOutReason;
  /** The API did not answer who is signed in (down, unreachable): the page offers to try again. */
  unavailable: boolean;
  retry(): void;
  signIn(username: string, password: string): Promise<SessionUser>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | undefined>(undefined);
const ME = ['auth', 'me'] as const;

/** The API says a session expired in the problem's code or detail (a missing cookie is no expiry). */
const isExpiry = (p: Problem | undefined) => p?.code === 'SESSION_EXPIRED' || /expired/i.test(p?.detail ?? '');

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [reason, setReason] = useState<SignedOutReason>();
  const [expiresAt, setExpiresAt] = useState<number>();

  const me = useQuery({
    queryKey: ME,
    retry: false,
    staleTime: Infinity,
    queryFn: async (): Promise<SessionUser | null> => {
      try {
        return await unwrap(api.GET('/auth/me'));
      } catch (err) {
        if (!(err instanceof ApiError) || err.status !== 401) throw err;
        if (isExpiry(err.problem)) setReason('expired');
        return null;
      }
    },
  });

  const end = useCallback(
    (why: SignedOutReason) => {
      // Nothing of the last person's stays in the page's cache.
      queryClient.clear();
      queryClient.setQueryData(ME, null);
      setExpiresAt(undefined);
      setReason(why);
    },
    [queryClient],
  );

  useEffect(() => onSessionEnd(() => end('expired')), [end]);
  useEffect(() => {
    if (expiresAt === undefined) return;
    const timer = setTimeout(() => end('expired'), Math.max(0, expiresAt - Date.now()));
    return () => clearTimeout(timer);
  }, [expiresAt, end]);

  const signIn = useCallback(
    async (username: string, password: string) => {
      const session = await unwrap(api.POST('/auth/login', { body: { username, password } }));
      queryClient.clear();
      queryClient.setQueryData(ME, session.user);
      setExpiresAt(Date.parse(session.expiresAt));
      setReason(undefined);
      return session.user;
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    await unwrap(api.POST('/auth/logout'));
    end('signedOut');
  }, [end]);

  const { refetch } = me;
  const value = useMemo<Session>(
    () => ({ user: me.data, reason, unavailable: me.isError, retry: () => void refetch(), signIn, signOut }),
    [me.data, me.isError, reason, refetch, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
