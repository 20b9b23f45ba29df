import { useQuery } from '@tanstack/react-query';
import { auth, can, cases } from './api.js';

/** The signed-in user; permissions drive menus, never access (the server decides that). */
export function useMe() {
  return useQuery({ queryKey: ['me'], queryFn: auth.me, staleTime: 5 * 60 * 1000 });
}

export function useCan() {
  const me = useMe();
  return (key: string) => can(me.data?.permissions, key);
}

export function useCaseTypes() {
  return useQuery({ queryKey: ['case-types'], queryFn: cases.types, staleTime: 10 * 60 * 1000 });
}
