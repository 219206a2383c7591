import type { SlaDefinition } from '../../contracts/sla.ts';
import type { Executor } from '../../drizzle/db.ts';
import { getSla } from '../../drizzle/repositories/slas.ts';
import { NotFound } from './errors.ts';

export function slaNotFound(id: number): NotFound {
  return new NotFound(`no SLA with id ${id}`);
}

/** The SLA a route is about (`/slas/:id/...`), or the 404 every route answers alike. */
export async function slaOr404(db: Executor, id: number): Promise<SlaDefinition> {
  const sla = await getSla(db, id);
  if (!sla) throw slaNotFound(id);
  return sla;
}
