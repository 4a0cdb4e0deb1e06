'use client';

import { useCallback, useRef } from 'react';
import { type AnyVariables, type TypedDocumentNode, useClient } from '@urql/next';

/**
 * Re-runs a query over the network without suspending the component that shows it. The client hands the result
 * to every active useQuery of the same query and variables, so the page updates in place. Re-executing the hook
 * itself (`refetch`) suspends it under our suspense client; on the study page that remount could loop, sending
 * the same query hundreds of times a second.
 */
export function useBackgroundRefetch<Data, Variables extends AnyVariables>(query: TypedDocumentNode<Data, Variables>, variables: Variables): () => void {
  const client = useClient();
  const latest = useRef(variables);
  latest.current = variables;
  return useCallback(() => {
    void client.query(query, latest.current, { requestPolicy: 'network-only' }).toPromise();
  }, [client, query]);
}
