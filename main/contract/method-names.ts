// The call names alone, free of zod, so the preload and the renderer can list methods without bundling the
// validation schemas (those run in main only). methods.ts checks at compile time that both lists agree.
export const METHOD_NAMES = [
  'app.info',
  'settings.get',
  'settings.set',
  'cameras.list',
  'cameras.status',
  'cameras.probe',
  'cameras.add',
  'cameras.update',
  'cameras.remove',
  'cameras.setEnabled',
  'live.snapshot',
  'recordings.segments',
  'recordings.gaps',
  'recordings.days',
  'recordings.locate',
  'recordings.frame',
  'storage.summary',
  'storage.setLimits',
  'events.list',
  'events.get',
  'events.snapshot',
  'detection.get',
  'detection.set',
  'detection.webhook',
  'detection.probeOnvif',
  'privacy.get',
  'privacy.set',
  'legal.catalog',
  'holds.list',
  'holds.place',
  'holds.release',
  'exports.create',
  'exports.get',
  'exports.analyze',
  'exports.render',
  'exports.confirm',
  'exports.cancel',
  'log.list',
  'log.verify',
  'log.export'
] as const

export type MethodName = (typeof METHOD_NAMES)[number]

export function isMethodName(name: string): name is MethodName {
  return (METHOD_NAMES as readonly string[]).includes(name)
}
