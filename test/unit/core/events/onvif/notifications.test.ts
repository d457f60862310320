import { describe, expect, it } from 'vitest'
import {
  canonicalTopic,
  classify,
  parseNotificationsXml,
  parseTopicSet,
  SignalTracker,
  stateOf,
  type OnvifNotification
} from '../../../../../main/core/events/onvif/notifications'
import { parseXml, xmlChild } from '../../../../../main/core/events/onvif/soap'

// A Hikvision camera's PullMessagesResponse while something moves: the analytics rule and the video source
// both report it.
const HIKVISION_MOTION = `<?xml version="1.0" encoding="UTF-8"?>
<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:wsa="http://www.w3.org/2005/08/addressing"
  xmlns:tt="http://www.onvif.org/ver10/schema" xmlns:wsnt="http://docs.oasis-open.org/wsn/b-2"
  xmlns:tev="http://www.onvif.org/ver10/events/wsdl" xmlns:tns1="http://www.onvif.org/ver10/topics">
<env:Header><wsa:Action>http://www.onvif.org/ver10/events/wsdl/PullPointSubscription/PullMessagesResponse</wsa:Action></env:Header>
<env:Body><tev:PullMessagesResponse>
<tev:CurrentTime>2026-05-04T09:12:03Z</tev:CurrentTime><tev:TerminationTime>2026-05-04T09:13:03Z</tev:TerminationTime>
<wsnt:NotificationMessage>
  <wsnt:Topic Dialect="http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet">tns1:RuleEngine/CellMotionDetector/Motion</wsnt:Topic>
  <wsnt:Message><tt:Message UtcTime="2026-05-04T09:12:02Z" PropertyOperation="Changed">
    <tt:Source>
      <tt:SimpleItem Name="VideoSourceConfigurationToken" Value="VideoSourceToken"/>
      <tt:SimpleItem Name="VideoAnalyticsConfigurationToken" Value="VideoAnalyticsToken"/>
      <tt:SimpleItem Name="Rule" Value="MyMotionDetectorRule"/>
    </tt:Source>
    <tt:Data><tt:SimpleItem Name="IsMotion" Value="true"/></tt:Data>
  </tt:Message></wsnt:Message>
</wsnt:NotificationMessage>
<wsnt:NotificationMessage>
  <wsnt:Topic Dialect="http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet">tns1:VideoSource/MotionAlarm</wsnt:Topic>
  <wsnt:Message><tt:Message UtcTime="2026-05-04T09:12:02Z" PropertyOperation="Changed">
    <tt:Source><tt:SimpleItem Name="Source" Value="VideoSourceToken"/></tt:Source>
    <tt:Data><tt:SimpleItem Name="State" Value="true"/></tt:Data>
  </tt:Message></wsnt:Message>
</wsnt:NotificationMessage>
</tev:PullMessagesResponse></env:Body></env:Envelope>`

// Axis style: other prefixes, namespaces declared where they are used, vendor prefixes inside the topic.
const AXIS_MOTION = `<?xml version="1.0" encoding="UTF-8"?>
<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://www.w3.org/2003/05/soap-envelope">
<SOAP-ENV:Body><tev:PullMessagesResponse xmlns:tev="http://www.onvif.org/ver10/events/wsdl">
<tev:CurrentTime>2026-05-04T09:20:00Z</tev:CurrentTime><tev:TerminationTime>2026-05-04T09:21:00Z</tev:TerminationTime>
<b2:NotificationMessage xmlns:b2="http://docs.oasis-open.org/wsn/b-2">
  <b2:Topic xmlns:tns1="http://www.onvif.org/ver10/topics" xmlns:tnsaxis="http://www.axis.com/2009/event/topics"
    Dialect="http://docs.oasis-open.org/wsn/t-1/TopicExpression/Concrete">tns1:VideoSource/tnsaxis:MotionAlarm</b2:Topic>
  <b2:Message><Message xmlns="http://www.onvif.org/ver10/schema" UtcTime="2026-05-04T09:19:59.613Z" PropertyOperation="Changed">
    <Source><SimpleItem Name="VideoSourceConfigurationToken" Value="0"/></Source>
    <Key></Key>
    <Data><SimpleItem Name="State" Value="1"/></Data>
  </Message></b2:Message>
</b2:NotificationMessage>
<b2:NotificationMessage xmlns:b2="http://docs.oasis-open.org/wsn/b-2">
  <b2:Topic xmlns:tns1="http://www.onvif.org/ver10/topics" xmlns:tnsaxis="http://www.axis.com/2009/event/topics"
    Dialect="http://docs.oasis-open.org/wsn/t-1/TopicExpression/Concrete">tns1:RuleEngine/tnsaxis:VMD3/vmd3_video_1</b2:Topic>
  <b2:Message><Message xmlns="http://www.onvif.org/ver10/schema" UtcTime="2026-05-04T09:19:59.700Z" PropertyOperation="Changed">
    <Source><SimpleItem Name="areaid" Value="0"/></Source>
    <Data><SimpleItem Name="active" Value="1"/></Data>
  </Message></b2:Message>
</b2:NotificationMessage>
</tev:PullMessagesResponse></SOAP-ENV:Body></SOAP-ENV:Envelope>`

/** A Reolink doorbell's visitor topic, with the given operation and state. */
function reolinkVisitor(operation: string, state: string, utc = '2026-05-04T17:30:00Z'): string {
  return `<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:wsnt="http://docs.oasis-open.org/wsn/b-2"
    xmlns:tt="http://www.onvif.org/ver10/schema" xmlns:tev="http://www.onvif.org/ver10/events/wsdl"><s:Body><tev:PullMessagesResponse>
    <tev:CurrentTime>${utc}</tev:CurrentTime><tev:TerminationTime>2026-05-04T17:31:00Z</tev:TerminationTime>
    <wsnt:NotificationMessage>
      <wsnt:Topic Dialect="http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet">tns1:RuleEngine/MyRuleDetector/Visitor</wsnt:Topic>
      <wsnt:Message><tt:Message UtcTime="${utc}" PropertyOperation="${operation}">
        <tt:Source><tt:SimpleItem Name="Source" Value="000"/></tt:Source>
        <tt:Data><tt:SimpleItem Name="State" Value="${state}"/></tt:Data>
      </tt:Message></wsnt:Message>
    </wsnt:NotificationMessage></tev:PullMessagesResponse></s:Body></s:Envelope>`
}

const one = (xml: string): OnvifNotification => {
  const all = parseNotificationsXml(xml)
  expect(all).toHaveLength(1)
  return all[0]
}

function notification(topic: string, data: Record<string, string>, extra: Partial<OnvifNotification> = {}): OnvifNotification {
  return { topic: canonicalTopic(topic), rawTopic: topic, dialect: null, utcTime: 1000, operation: 'Changed', source: {}, data, ...extra }
}

const RECEIVED = Date.UTC(2026, 4, 4, 12)

describe('parsing notification messages', () => {
  it('reads topic, dialect, time, operation, source and data of a Hikvision motion message', () => {
    const [cell, alarm] = parseNotificationsXml(HIKVISION_MOTION)
    expect(cell).toEqual({
      topic: 'RuleEngine/CellMotionDetector/Motion',
      rawTopic: 'tns1:RuleEngine/CellMotionDetector/Motion',
      dialect: 'http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet',
      utcTime: Date.UTC(2026, 4, 4, 9, 12, 2),
      operation: 'Changed',
      source: { VideoSourceConfigurationToken: 'VideoSourceToken', VideoAnalyticsConfigurationToken: 'VideoAnalyticsToken', Rule: 'MyMotionDetectorRule' },
      data: { IsMotion: 'true' }
    })
    expect(alarm.topic).toBe('VideoSource/MotionAlarm')
    expect(alarm.data).toEqual({ State: 'true' })
  })

  it('is indifferent to prefixes, default namespaces and vendor prefixes inside the topic (Axis)', () => {
    const [alarm, vmd] = parseNotificationsXml(AXIS_MOTION)
    expect(alarm.topic).toBe('VideoSource/MotionAlarm')
    expect(alarm.rawTopic).toBe('tns1:VideoSource/tnsaxis:MotionAlarm')
    expect(alarm.utcTime).toBe(Date.UTC(2026, 4, 4, 9, 19, 59, 613))
    expect(alarm.source).toEqual({ VideoSourceConfigurationToken: '0' })
    expect(alarm.data).toEqual({ State: '1' })
    expect(vmd.topic).toBe('RuleEngine/VMD3/vmd3_video_1')
  })

  it('finds no notifications in an empty pull and skips messages without a topic', () => {
    expect(parseNotificationsXml('<s:Envelope xmlns:s="x"><s:Body><tev:PullMessagesResponse xmlns:tev="y"/></s:Body></s:Envelope>')).toEqual([])
    expect(parseNotificationsXml('<a><NotificationMessage><Message/></NotificationMessage></a>')).toEqual([])
  })

  it('reads a missing UtcTime and PropertyOperation as null', () => {
    const n = one('<r><wsnt:NotificationMessage xmlns:wsnt="w"><wsnt:Topic>tns1:Device/Doorbell</wsnt:Topic><wsnt:Message><tt:Message xmlns:tt="t"/></wsnt:Message></wsnt:NotificationMessage></r>')
    expect(n.utcTime).toBeNull()
    expect(n.operation).toBeNull()
    expect(n.data).toEqual({})
  })

  it('canonicalises topics segment by segment', () => {
    expect(canonicalTopic(' tns1:RuleEngine/tnsvendor:MyRuleDetector/Visitor ')).toBe('RuleEngine/MyRuleDetector/Visitor')
    expect(canonicalTopic('tns1:VideoSource/MotionAlarm//.')).toBe('VideoSource/MotionAlarm')
    expect(canonicalTopic('Device/Trigger/DigitalInput')).toBe('Device/Trigger/DigitalInput')
  })
})

describe('mapping topics to kinds', () => {
  it('maps the three standard motion topics, each with its own state item', () => {
    const tracker = new SignalTracker()
    const [cell, alarm] = parseNotificationsXml(HIKVISION_MOTION)
    expect(tracker.accept(cell, RECEIVED)).toEqual({
      kind: 'motion',
      active: true,
      topic: 'RuleEngine/CellMotionDetector/Motion',
      at: Date.UTC(2026, 4, 4, 9, 12, 2),
      source: 'VideoSourceConfigurationToken=VideoSourceToken, VideoAnalyticsConfigurationToken=VideoAnalyticsToken, Rule=MyMotionDetectorRule'
    })
    expect(tracker.accept(alarm, RECEIVED)).toMatchObject({ kind: 'motion', active: true, topic: 'VideoSource/MotionAlarm' })
    const region = notification('tns1:RuleEngine/MotionRegionDetector/Motion', { State: 'true' })
    expect(tracker.accept(region, RECEIVED)).toMatchObject({ kind: 'motion', active: true })
  })

  it('maps doorbell and visitor topics by their words, not by substrings', () => {
    const kind = (topic: string) => classify(notification(topic, {}))?.kind ?? null
    expect(kind('tns1:RuleEngine/MyRuleDetector/Visitor')).toBe('doorbell')
    expect(kind('tns1:Device/tnsvendor:Doorbell')).toBe('doorbell')
    expect(kind('tns1:Device/DoorBell/Pressed')).toBe('doorbell')
    expect(kind('tnsvendor:VideoSource/CallButton')).toBe('doorbell')
    expect(kind('tnsvendor:Intercom/Ring')).toBe('doorbell')
    expect(kind('tns1:VideoSource/GlobalSceneChange/ImagingService')).toBeNull()
    expect(kind('tns1:VideoSource/Tampering')).toBeNull() // "ring" inside a word is no ring
    expect(kind('tns1:Monitoring/ProcessorUsage')).toBeNull()
    expect(kind('tns1:RuleEngine/MyRuleDetector/PeopleDetect')).toBeNull()
  })

  it('treats a digital input as a doorbell only when configured, for the configured input', () => {
    const input = (token: string, state: string) =>
      notification('tns1:Device/Trigger/DigitalInput', { LogicalState: state }, { source: { InputToken: token } })
    expect(new SignalTracker().accept(input('DIGIT_IN_1', 'true'), RECEIVED)).toBeNull()
    const tracker = new SignalTracker([{ topic: 'tns1:Device/Trigger/DigitalInput', kind: 'doorbell', source: { InputToken: 'DIGIT_IN_1' } }])
    expect(tracker.accept(input('DIGIT_IN_2', 'true'), RECEIVED)).toBeNull()
    expect(tracker.accept(input('DIGIT_IN_1', 'true'), RECEIVED)).toMatchObject({ kind: 'doorbell', active: true, source: 'InputToken=DIGIT_IN_1' })
  })

  it('lets configured rules map vendor topics, with wildcards and their own state item', () => {
    const [, vmd] = parseNotificationsXml(AXIS_MOTION)
    expect(new SignalTracker().accept(vmd, RECEIVED)).toBeNull()
    const tracker = new SignalTracker([{ topic: 'tns1:RuleEngine/tnsaxis:VMD3/*', kind: 'motion', stateItem: 'active' }])
    expect(tracker.accept(vmd, RECEIVED)).toMatchObject({ kind: 'motion', active: true, topic: 'RuleEngine/VMD3/vmd3_video_1' })
  })

  it('reads states written as true/false, 1/0 and on/off, and Deleted as off', () => {
    const rule = { topic: 'x', kind: 'motion' as const }
    expect(stateOf(notification('x', { State: 'true' }), rule)).toBe(true)
    expect(stateOf(notification('x', { State: '0' }), rule)).toBe(false)
    expect(stateOf(notification('x', { IsMotion: 'ON' }), rule)).toBe(true)
    expect(stateOf(notification('x', { State: 'maybe' }), rule)).toBeNull()
    expect(stateOf(notification('x', { Level: '5' }), rule)).toBeNull()
    expect(stateOf(notification('x', { State: 'true' }, { operation: 'Deleted' }), rule)).toBe(false)
  })
})

describe('SignalTracker', () => {
  it('reports motion on change only: start, repeats ignored, stop', () => {
    const tracker = new SignalTracker()
    const motion = (value: string, utcTime: number) => notification('tns1:RuleEngine/CellMotionDetector/Motion', { IsMotion: value }, { utcTime })
    const signals = [motion('true', 1), motion('true', 2), motion('true', 3), motion('false', 4), motion('false', 5)].map((n) => tracker.accept(n, RECEIVED))
    expect(signals.map((s) => s && { active: s.active, at: s.at })).toEqual([{ active: true, at: 1 }, null, null, { active: false, at: 4 }, null])
  })

  it('keeps motion of different sources apart', () => {
    const tracker = new SignalTracker()
    const alarm = (source: string, value: string) => notification('tns1:VideoSource/MotionAlarm', { State: value }, { source: { Source: source } })
    expect(tracker.accept(alarm('1', 'true'), RECEIVED)).toMatchObject({ active: true, source: 'Source=1' })
    expect(tracker.accept(alarm('2', 'true'), RECEIVED)).toMatchObject({ active: true, source: 'Source=2' })
    expect(tracker.accept(alarm('1', 'false'), RECEIVED)).toMatchObject({ active: false, source: 'Source=1' })
  })

  it('reports an Initialized motion state (it is what happens now) but no stop for motion never seen', () => {
    const tracker = new SignalTracker()
    const initial = (value: string) => notification('tns1:VideoSource/MotionAlarm', { State: value }, { operation: 'Initialized' })
    expect(tracker.accept(initial('false'), RECEIVED)).toBeNull()
    expect(tracker.accept(initial('true'), RECEIVED)).toMatchObject({ kind: 'motion', active: true })
    // After a re-subscription the camera says the motion is over: that ends it.
    expect(tracker.accept(initial('false'), RECEIVED)).toMatchObject({ kind: 'motion', active: false })
  })

  it('turns a doorbell press into one active signal and its release into one inactive signal', () => {
    const tracker = new SignalTracker()
    const press = tracker.accept(one(reolinkVisitor('Changed', 'true')), RECEIVED)
    expect(press).toEqual({
      kind: 'doorbell',
      active: true,
      topic: 'RuleEngine/MyRuleDetector/Visitor',
      at: Date.UTC(2026, 4, 4, 17, 30),
      source: 'Source=000'
    })
    expect(tracker.accept(one(reolinkVisitor('Changed', 'true')), RECEIVED)).toBeNull() // still held
    expect(tracker.accept(one(reolinkVisitor('Changed', 'false')), RECEIVED)).toMatchObject({ kind: 'doorbell', active: false })
    expect(tracker.accept(one(reolinkVisitor('Changed', 'false')), RECEIVED)).toBeNull()
    expect(tracker.accept(one(reolinkVisitor('Changed', 'true')), RECEIVED)).toMatchObject({ kind: 'doorbell', active: true })
  })

  it('never reports an Initialized doorbell state as a press, nor its release', () => {
    const tracker = new SignalTracker()
    expect(tracker.accept(one(reolinkVisitor('Initialized', 'true')), RECEIVED)).toBeNull()
    expect(tracker.accept(one(reolinkVisitor('Changed', 'false')), RECEIVED)).toBeNull()
    expect(tracker.accept(one(reolinkVisitor('Changed', 'true')), RECEIVED)).toMatchObject({ active: true })
    // A later re-subscription while the button is held: still no new press.
    expect(tracker.accept(one(reolinkVisitor('Initialized', 'true')), RECEIVED)).toBeNull()
  })

  it('counts every doorbell event without a state as a press', () => {
    const tracker = new SignalTracker()
    const ring = notification('tnsvendor:Intercom/Ring', { Button: '1' }, { operation: null, utcTime: null })
    expect(tracker.accept(ring, RECEIVED)).toEqual({ kind: 'doorbell', active: true, topic: 'Intercom/Ring', at: RECEIVED, source: null })
    expect(tracker.accept(ring, RECEIVED)).toMatchObject({ active: true })
  })

  it('ignores topics it does not map', () => {
    expect(new SignalTracker().accept(notification('tns1:Device/HardwareFailure/StorageFailure', { Failed: 'true' }), RECEIVED)).toBeNull()
  })
})

describe('parseTopicSet', () => {
  it('lists the topics of a GetEventProperties topic set, canonical and sorted', () => {
    const xml = `<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body>
      <tev:GetEventPropertiesResponse xmlns:tev="http://www.onvif.org/ver10/events/wsdl" xmlns:wstop="http://docs.oasis-open.org/wsn/t-1"
        xmlns:tns1="http://www.onvif.org/ver10/topics" xmlns:tt="http://www.onvif.org/ver10/schema">
      <wstop:TopicSet>
        <tns1:VideoSource wstop:topic="true">
          <MotionAlarm wstop:topic="true"><tt:MessageDescription IsProperty="true">
            <tt:Source><tt:SimpleItemDescription Name="Source" Type="tt:ReferenceToken"/></tt:Source>
            <tt:Data><tt:SimpleItemDescription Name="State" Type="xs:boolean"/></tt:Data>
          </tt:MessageDescription></MotionAlarm>
        </tns1:VideoSource>
        <tns1:RuleEngine>
          <CellMotionDetector><Motion wstop:topic="true"><tt:MessageDescription IsProperty="true"/></Motion></CellMotionDetector>
          <MyRuleDetector><Visitor wstop:topic="true"/><PeopleDetect wstop:topic="true"/></MyRuleDetector>
        </tns1:RuleEngine>
        <tns1:Device><tns1:Trigger><tns1:DigitalInput wstop:topic="true"/></tns1:Trigger></tns1:Device>
      </wstop:TopicSet></tev:GetEventPropertiesResponse></s:Body></s:Envelope>`
    const topicSet = xmlChild(xmlChild(xmlChild(xmlChild(parseXml(xml), 'Envelope'), 'Body'), 'GetEventPropertiesResponse'), 'TopicSet')
    expect(parseTopicSet(topicSet)).toEqual([
      'Device/Trigger/DigitalInput',
      'RuleEngine/CellMotionDetector/Motion',
      'RuleEngine/MyRuleDetector/PeopleDetect',
      'RuleEngine/MyRuleDetector/Visitor',
      'VideoSource/MotionAlarm'
    ])
  })
})
