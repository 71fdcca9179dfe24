// Saving a parsed document whole through the import_document RPC (one transaction on the server).
// The request goes out through XMLHttpRequest because fetch reports no upload progress, and a
// 20 MB export takes long enough to send that the progress bar matters.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod/mini';
import type { ImportDocumentPayload } from '../domain/import/index.ts';
import { supabase, supabaseAnonKey, supabaseUrl } from './client.ts';
import { invalidate, projectKeys } from './keys.ts';
import { RpcError, rpcErrorFromResponse } from './rpc-error.ts';

export { RpcError } from './rpc-error.ts';

export interface UploadProgress {
  /** Bytes of the request body sent so far. */
  loaded: number;
  total: number;
}

async function authHeaders(): Promise<Record<string, string>> {
  const { data } = await supabase.auth.getSession();
  return {
    apikey: supabaseAnonKey,
    Authorization: `Bearer ${data.session?.access_token ?? supabaseAnonKey}`,
    'Content-Type': 'application/json',
    Accept: 'application/json',
  };
}

/** POSTs JSON to a REST path, reporting upload progress; resolves with the parsed response body. */
async function postWithProgress(path: string, body: string, onProgress?: (p: UploadProgress) => void, signal?: AbortSignal): Promise<unknown> {
  const headers = await authHeaders();
  signal?.throwIfAborted();
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${supabaseUrl}${path}`);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    if (onProgress) {
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable) onProgress({ loaded: event.loaded, total: event.total });
      };
    }
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(xhr.responseText === '' ? null : JSON.parse(xhr.responseText));
        } catch {
          reject(new RpcError('The server sent an answer that is not JSON', null, xhr.status));
        }
      } else {
        reject(rpcErrorFromResponse(xhr.status, xhr.responseText));
      }
    };
    // Same name and message as a failed fetch, so errorKind() calls it a network error.
    xhr.onerror = () => reject(new TypeError('Failed to fetch'));
    xhr.ontimeout = () => reject(new TypeError('Failed to fetch'));
    xhr.onabort = () => reject(new DOMException('The import was cancelled', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(body);
  });
}

export interface ImportDocumentInput {
  projectId: string;
  document: ImportDocumentPayload;
  onUploadProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
}

/** Imports a document whole or not at all; returns the new document's id. */
export async function importDocument({ projectId, document, onUploadProgress, signal }: ImportDocumentInput): Promise<string> {
  const body = JSON.stringify({ p_project_id: projectId, p_document: document });
  const data = await postWithProgress('/rest/v1/rpc/import_document', body, onUploadProgress, signal);
  return z.guid().parse(data);
}

/** The import mutation; the library's lists are refetched before it counts as done. */
export function useImportDocument() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: projectKeys.importDocument(),
    mutationFn: importDocument,
    onSuccess: (_id, { projectId }) => invalidate(queryClient, { type: 'import', projectId }),
  });
}
