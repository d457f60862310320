// Bystander redaction: find every person in a clip (analyzeClip), let the owner choose whom to keep, and
// render a working copy where everyone else is irreversibly covered (renderRedaction), with a report.
//
//   const clip = clipFromIndex(segments, fromMs, toMs)            // or a file path
//   const analysis = await analyzeClip(clip, {}, onProgress)       // tracks with thumbnails and time spans
//   const report = await renderRedaction(clip, analysis, { keep: [3], effect: 'pixelate' }, '/exports/x/redacted.mp4', {}, onProgress)
//
// A preview can draw what will be covered on any frame: new FramePlanner(analysis, resolvePolicy(policy, analysis)).plan(frame).
export { analyzeClip, defaultWorkers, type AnalyzeOptions } from './analyze'
export { renderRedaction, verifyAnalysisFor, type RenderOptions } from './render'
export { clipFromIndex, type IndexedSegment } from './source'
export { boxesAt } from './track-timeline'
export { FramePlanner, resolvePolicy, type EffectName, type FramePlan, type ManualRegion, type RedactionPolicy, type RegionKeyframe } from './policy'
export { RedactionError, REDACTION_ERROR_CODES, type RedactionErrorCode } from './errors'
export type { RedactionReport, TrackReport } from './report'
export type { Analysis, ClipInput, Progress, ProgressListener, SegmentRef, Track } from './types'
