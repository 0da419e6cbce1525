// One admin-card action: run the request, keep the hall's refusal to show (or clear it), reload the view.
import { useState } from 'react';
import { ApiError } from '../api/errors';

export function useRecordAction(reload: () => void): { problem: string | null; act: (request: () => Promise<unknown>) => Promise<void> } {
  const [problem, setProblem] = useState<string | null>(null);
  const act = async (request: () => Promise<unknown>) => {
    try {
      await request();
      setProblem(null);
    } catch (err) {
      setProblem(err instanceof ApiError ? err.message : String(err));
    }
    reload();
  };
  return { problem, act };
}
