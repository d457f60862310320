// A face inside a detected person is part of that person, not a second one: keeping "Person 3" must keep
// their face too. Faces that no person box explains (a close-up where the body is out of frame, or a body
// the person detector missed) stay on their own.
import type { RawDetection } from './detector'
import { area, bounding, centerOf, containsPoint, coverage, iou, padBox, type Box } from './geometry'
import type { TrackKind } from './types'

export interface Observation {
  kind: TrackKind
  box: Box
  score: number
  faceBox?: Box
}

/** A person box may be cut a little short at the head; allow the face center this far outside. */
const HEAD_TOLERANCE = { x: 0.1, y: 0.1, minPx: 2 }
/** A face is in the upper part of a standing or sitting person. */
const HEAD_ZONE = 0.6
/** A "face" nearly as large as the person box is not that person's face. */
const MAX_FACE_SHARE = 0.6

export function faceFitsPerson(face: Box, person: Box): boolean {
  const c = centerOf(face)
  return (
    containsPoint(padBox(person, HEAD_TOLERANCE), c.x, c.y) &&
    c.y <= person.y + person.h * HEAD_ZONE &&
    area(face) <= area(person) * MAX_FACE_SHARE
  )
}

/** Two boxes on one face: the detector fires at two scales or offsets (BlazeFace's NMS keeps both at low overlap). */
export function sameFace(a: Box, b: Box): boolean {
  const c = centerOf(b)
  return iou(a, b) >= 0.2 || containsPoint(a, c.x, c.y) || coverage(b, a) >= 0.5
}

/**
 * Turns one frame's detections into observations: each face goes to the smallest person box it fits
 * (one face per person, the most confident; a second box on the same face is merged into it); the rest
 * become face-only observations, again with duplicate boxes of one face merged.
 */
export function groupDetections(detections: RawDetection[]): Observation[] {
  const persons: Observation[] = detections.filter((d) => d.kind === 'person').map((d) => ({ kind: 'person', box: d.box, score: d.score }))
  const faces = detections.filter((d) => d.kind === 'face').sort((a, b) => b.score - a.score)
  const loose: Observation[] = []
  for (const face of faces) {
    const duplicateOf = [...persons, ...loose].find((o) => (o.kind === 'face' ? sameFace(o.box, face.box) : o.faceBox && sameFace(o.faceBox, face.box)))
    if (duplicateOf) {
      if (duplicateOf.kind === 'face') duplicateOf.box = bounding(duplicateOf.box, face.box)
      else duplicateOf.faceBox = bounding(duplicateOf.faceBox!, face.box)
      continue
    }
    const owner = persons
      .filter((p) => !p.faceBox && faceFitsPerson(face.box, p.box))
      .sort((a, b) => area(a.box) - area(b.box))[0]
    if (owner) owner.faceBox = face.box
    else loose.push({ kind: 'face', box: face.box, score: face.score })
  }
  return [...persons, ...loose]
}
