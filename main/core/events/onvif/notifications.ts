// ONVIF notification messages (wsnt:NotificationMessage) and what Vigil makes of them: doorbell presses and
// motion, as CameraSignals. Pure: parsed XML in, data out.
//
// Topic mapping (prefixes are ignored segment by segment, so tns1:, tnsaxis: or any vendor prefix match):
//   motion    VideoSource/MotionAlarm                 state in Data 'State'
//             RuleEngine/CellMotionDetector/Motion     state in Data 'IsMotion'
//             RuleEngine/MotionRegionDetector/Motion   state in Data 'State'
//   doorbell  any topic with a segment word Doorbell, DoorBell, Bell, Visitor, Ring, Call (Reolink:
//             RuleEngine/MyRuleDetector/Visitor; words are CamelCase parts, so 'Tampering' is no 'Ring')
//   --        Device/Trigger/DigitalInput (LogicalState) is a doorbell only through a configured TopicRule,
//             e.g. { topic: 'tns1:Device/Trigger/DigitalInput', kind: 'doorbell', source: { InputToken: '1' } }:
//             the same input may be a door contact or a PIR on another installation.
// Configured rules are tried before the built-in ones, so they can also re-map a built-in topic.
import { parseXml, parseXsDateTime, xmlAttr, xmlChild, xmlChildren, xmlText, type XmlNode } from './soap'

export type SignalKind = 'doorbell' | 'motion'

export interface CameraSignal {
  kind: SignalKind
  active: boolean
  /** Canonical topic: namespace prefixes removed, e.g. 'RuleEngine/MyRuleDetector/Visitor'. */
  topic: string
  /** Epoch ms of the camera's UtcTime (the subscription corrects it for the camera's clock offset). */
  at: number
  /** The message's Source items as 'Name=Value' pairs joined by ', ' (which channel, input or rule), or null. */
  source: string | null
}

export type PropertyOperation = 'Initialized' | 'Changed' | 'Deleted'

export interface OnvifNotification {
  /** Canonical topic (see canonicalTopic). */
  topic: string
  /** The topic as the camera wrote it. */
  rawTopic: string
  dialect: string | null
  /** Message/@UtcTime in epoch ms (camera clock), or null if missing. */
  utcTime: number | null
  /** null: not a property event (a plain event without state). */
  operation: PropertyOperation | null
  source: Record<string, string>
  data: Record<string, string>
}

/** A configured topic -> kind mapping (for inputs only the installer knows the meaning of). */
export interface TopicRule {
  /** Topic prefix, with or without namespace prefixes; '*' matches any one segment. Case-insensitive. */
  topic: string
  kind: SignalKind
  /** Only messages whose Source has all these items match (e.g. { InputToken: '1' }). */
  source?: Record<string, string>
  /** The Data item holding the state; by default the first of STATE_ITEMS present. */
  stateItem?: string
}

export const BUILTIN_MOTION_RULES: readonly TopicRule[] = [
  { topic: 'VideoSource/MotionAlarm', kind: 'motion', stateItem: 'State' },
  { topic: 'RuleEngine/CellMotionDetector/Motion', kind: 'motion', stateItem: 'IsMotion' },
  { topic: 'RuleEngine/MotionRegionDetector/Motion', kind: 'motion', stateItem: 'State' }
]

/** Data items that carry an on/off state, most common first. */
const STATE_ITEMS = ['State', 'IsMotion', 'LogicalState', 'IsActive', 'Active']

/** CamelCase words of a topic segment that mean someone is at the door. */
const DOORBELL_WORDS = new Set(['doorbell', 'bell', 'visitor', 'ring', 'ringing', 'call', 'calling'])

// ---------------------------------------------------------------------------------------------
// Parsing

/** 'tns1:RuleEngine/tnsaxis:VMD/Motion//.' -> 'RuleEngine/VMD/Motion': prefixes vary by vendor, paths do not. */
export function canonicalTopic(text: string): string {
  return text
    .trim()
    .replace(/\/\/\.$/, '') // ConcreteSet's "this node and all below" marker
    .split('/')
    .map((segment) => segment.slice(segment.indexOf(':') + 1).trim())
    .filter((segment) => segment.length > 0)
    .join('/')
}

function simpleItems(parent: XmlNode | null): Record<string, string> {
  const items: Record<string, string> = {}
  for (const item of xmlChildren(parent, 'SimpleItem')) {
    const name = xmlAttr(item, 'Name')
    if (name !== null) items[name] = xmlAttr(item, 'Value') ?? ''
  }
  return items
}

/** One wsnt:NotificationMessage (element names without prefixes, as parseXml gives them). */
export function parseNotification(node: unknown): OnvifNotification | null {
  const topicNode = xmlChildren(node, 'Topic')[0]
  const rawTopic = xmlText(topicNode)
  if (!rawTopic) return null
  const outer = xmlChild(node, 'Message')
  // wsnt:Message wraps tt:Message; tolerate firmware that puts tt:Message's content directly inside.
  const message = xmlChild(outer, 'Message') ?? outer
  const operation = xmlAttr(message, 'PropertyOperation')
  return {
    topic: canonicalTopic(rawTopic),
    rawTopic,
    dialect: xmlAttr(topicNode, 'Dialect'),
    utcTime: parseXsDateTime(xmlAttr(message, 'UtcTime')),
    operation: operation === 'Initialized' || operation === 'Changed' || operation === 'Deleted' ? operation : null,
    source: simpleItems(xmlChild(message, 'Source')),
    data: simpleItems(xmlChild(message, 'Data'))
  }
}

/** Every NotificationMessage anywhere below `node` (a PullMessagesResponse, a Notify, a whole envelope). */
export function findNotifications(node: unknown): OnvifNotification[] {
  const found: OnvifNotification[] = []
  const visit = (value: unknown) => {
    if (Array.isArray(value)) return value.forEach(visit)
    if (value === null || typeof value !== 'object') return
    for (const [key, child] of Object.entries(value as XmlNode)) {
      if (key.startsWith('@')) continue
      if (key === 'NotificationMessage') {
        for (const message of Array.isArray(child) ? child : [child]) {
          const parsed = parseNotification(message)
          if (parsed) found.push(parsed)
        }
      } else visit(child)
    }
  }
  visit(node)
  return found
}

export function parseNotificationsXml(xml: string): OnvifNotification[] {
  return findNotifications(parseXml(xml))
}

/**
 * The topics a GetEventProperties TopicSet declares, canonical and sorted. A topic is an element marked
 * wstop:topic="true" that describes messages (MessageDescription) or has no topics below it.
 */
export function parseTopicSet(topicSet: unknown): string[] {
  const topics = new Set<string>()
  const visit = (node: unknown, path: string[]) => {
    if (node === null || typeof node !== 'object') return
    for (const [name, value] of Object.entries(node as XmlNode)) {
      if (name.startsWith('@') || name === '#text' || name === 'MessageDescription') continue
      for (const child of Array.isArray(value) ? value : [value]) {
        const childPath = [...path, name]
        const before = topics.size
        visit(child, childPath)
        const describes = xmlChildren(child, 'MessageDescription').length > 0
        if (xmlAttr(child, 'topic') === 'true' && (describes || topics.size === before)) topics.add(childPath.join('/'))
      }
    }
  }
  visit(topicSet, [])
  return [...topics].sort()
}

// ---------------------------------------------------------------------------------------------
// Mapping

const segmentsOf = (topic: string) => canonicalTopic(topic).toLowerCase().split('/')

function ruleMatches(rule: TopicRule, notification: OnvifNotification): boolean {
  const pattern = segmentsOf(rule.topic)
  const topic = segmentsOf(notification.topic)
  if (pattern.length > topic.length || !pattern.every((segment, i) => segment === '*' || segment === topic[i])) return false
  return Object.entries(rule.source ?? {}).every(([name, value]) => notification.source[name] === value)
}

/** 'VisitorCall' -> ['visitor', 'call']; 'DOORBELL_1' -> ['doorbell', '1']. */
function words(segment: string): string[] {
  return segment
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
}

function isDoorbellTopic(topic: string): boolean {
  return topic.split('/').some((segment) => {
    const parts = words(segment)
    return parts.some((word, i) => DOORBELL_WORDS.has(word) || (word === 'door' && parts[i + 1] === 'bell'))
  })
}

/** The rule a notification falls under: configured rules first, then the built-in mapping; null = not ours. */
export function classify(notification: OnvifNotification, rules: readonly TopicRule[] = []): TopicRule | null {
  for (const rule of [...rules, ...BUILTIN_MOTION_RULES]) if (ruleMatches(rule, notification)) return rule
  if (isDoorbellTopic(notification.topic)) return { topic: notification.topic, kind: 'doorbell' }
  return null
}

function parseBoolean(value: string): boolean | null {
  const v = value.trim().toLowerCase()
  if (['true', '1', 'on', 'active', 'yes'].includes(v)) return true
  if (['false', '0', 'off', 'inactive', 'no'].includes(v)) return false
  return null
}

/**
 * The state a notification reports: true/false from its state item, false for a Deleted property, and
 * null when it carries no state (a plain event, such as a doorbell that only says "pressed").
 */
export function stateOf(notification: OnvifNotification, rule: TopicRule): boolean | null {
  if (notification.operation === 'Deleted') return false
  // Names are compared without case: Axis writes 'active' where others write 'Active'.
  const data = new Map(Object.entries(notification.data).map(([name, value]) => [name.toLowerCase(), value]))
  for (const name of rule.stateItem ? [rule.stateItem, ...STATE_ITEMS] : STATE_ITEMS) {
    const value = data.get(name.toLowerCase())
    if (value !== undefined) return parseBoolean(value)
  }
  return null
}

function describeSource(source: Record<string, string>): string | null {
  const pairs = Object.entries(source).map(([name, value]) => `${name}=${value}`)
  return pairs.length > 0 ? pairs.join(', ') : null
}

/**
 * Turns the notifications of one subscription into signals, remembering each topic's state so that:
 * - motion is reported on change only (cameras repeat "still moving"), and an Initialized state counts,
 *   since it is what is happening now: motion that is going on when the subscription starts is reported,
 *   motion that ended while the camera was out of reach is ended (keep one tracker across re-subscriptions);
 * - a doorbell press is reported once per press: Initialized is the state at subscription time, never a new
 *   press; a release is reported only after a reported press; a doorbell event without state is a press.
 */
export class SignalTracker {
  private readonly states = new Map<string, boolean>()

  constructor(private readonly rules: readonly TopicRule[] = []) {}

  /** `receivedAt` stands in for a missing UtcTime. */
  accept(notification: OnvifNotification, receivedAt: number): CameraSignal | null {
    const rule = classify(notification, this.rules)
    if (!rule) return null
    const state = stateOf(notification, rule)
    const source = describeSource(notification.source)
    const signal = (active: boolean): CameraSignal => ({
      kind: rule.kind,
      active,
      topic: notification.topic,
      at: notification.utcTime ?? receivedAt,
      source
    })
    const key = `${rule.kind}|${notification.topic}|${source ?? ''}`
    const before = this.states.get(key) ?? false

    if (rule.kind === 'motion') {
      if (state === null) return null
      this.states.set(key, state)
      return state === before ? null : signal(state)
    }
    if (notification.operation === 'Initialized') {
      this.states.set(key, false)
      return null
    }
    if (state === null) return signal(true)
    this.states.set(key, state)
    return state === before ? null : signal(state)
  }
}
