import type { Handler, ServerContext } from '../http/types.ts';
import { json } from '../http/types.ts';

/** Placeholder until the PostgREST-compatible handler lands: every /rest/v1 path is unknown. */
export async function createRestHandler(_ctx: ServerContext): Promise<Handler> {
  return async () => json(404, { code: 'PGRST125', message: 'Invalid path specified in request URL', details: null, hint: null });
}
