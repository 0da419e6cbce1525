// The signed-in staff member of this tab. Kept in sessionStorage: a reload (or a crash of
// the renderer) keeps the counter's work; another tab or machine signs in on its own.
import { useSyncExternalStore } from 'react';
import type { StaffSessionDTO } from '../../../hall/api/dto';
import { staffSessionKey } from '../api/token';

export interface StaffSessionStore {
  get(): StaffSessionDTO | null;
  token(): string | null;
  set(session: StaffSessionDTO): void;
  clear(): void;
  subscribe(listener: () => void): () => void;
}

export function createStaffSessionStore(scope: string, storage: Storage | null = safeSessionStorage()): StaffSessionStore {
  const key = staffSessionKey(scope);
  const listeners = new Set<() => void>();
  let session: StaffSessionDTO | null = load();

  function load(): StaffSessionDTO | null {
    try {
      const raw = storage?.getItem(key);
      if (!raw) return null;
      const parsed = JSON.parse(raw) as StaffSessionDTO;
      return typeof parsed?.sessionToken === 'string' ? parsed : null;
    } catch {
      return null;
    }
  }

  const emit = () => listeners.forEach((l) => l());
  return {
    get: () => session,
    token: () => session?.sessionToken ?? null,
    set(next) {
      session = next;
      try {
        storage?.setItem(key, JSON.stringify(next));
      } catch {
        // kept in memory only
      }
      emit();
    },
    clear() {
      if (!session) return;
      session = null;
      try {
        storage?.removeItem(key);
      } catch {
        // nothing stored
      }
      emit();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function safeSessionStorage(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

export function useStaffSession(store: StaffSessionStore): StaffSessionDTO | null {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}
