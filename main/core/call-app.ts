import { VigilError, isErrorPayload, type MethodArgs, type MethodName, type MethodResults } from '../contract'
import type { VigilApp } from './host'

/** One typed contract call on the core itself (CLI, tests): the envelope's error comes back as a VigilError. */
export async function callApp<M extends MethodName>(app: Pick<VigilApp, 'dispatch'>, method: M, args: MethodArgs<M>): Promise<MethodResults[M]> {
  const envelope = await app.dispatch(method, args)
  if (envelope.ok) return envelope.value as MethodResults[M]
  if (isErrorPayload(envelope.error)) throw VigilError.fromPayload(envelope.error)
  throw new Error(`unexpected envelope ${JSON.stringify(envelope)}`)
}
