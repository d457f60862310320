import { describe, expect, it } from 'vitest'
import { cameraUtcOf, reachableAddress } from '../../../../../main/core/events/onvif/pullpoint-client'
import { parseXml, xmlChild } from '../../../../../main/core/events/onvif/soap'

const bodyOf = (xml: string) => xmlChild(xmlChild(parseXml(xml), 'Envelope'), 'Body')!

describe('cameraUtcOf', () => {
  it('reads the UTC date and time of a GetSystemDateAndTime response', () => {
    const body = bodyOf(`<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:tds="http://www.onvif.org/ver10/device/wsdl"
      xmlns:tt="http://www.onvif.org/ver10/schema"><env:Body><tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime>
      <tt:DateTimeType>Manual</tt:DateTimeType><tt:DaylightSavings>true</tt:DaylightSavings>
      <tt:TimeZone><tt:TZ>CET-1CEST,M3.5.0,M10.5.0/3</tt:TZ></tt:TimeZone>
      <tt:UTCDateTime><tt:Time><tt:Hour>7</tt:Hour><tt:Minute>50</tt:Minute><tt:Second>45</tt:Second></tt:Time>
        <tt:Date><tt:Year>2010</tt:Year><tt:Month>9</tt:Month><tt:Day>16</tt:Day></tt:Date></tt:UTCDateTime>
      <tt:LocalDateTime><tt:Time><tt:Hour>9</tt:Hour><tt:Minute>50</tt:Minute><tt:Second>45</tt:Second></tt:Time>
        <tt:Date><tt:Year>2010</tt:Year><tt:Month>9</tt:Month><tt:Day>16</tt:Day></tt:Date></tt:LocalDateTime>
      </tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse></env:Body></env:Envelope>`)
    expect(cameraUtcOf(body)).toBe(Date.UTC(2010, 8, 16, 7, 50, 45))
  })

  it('gives null when the camera sends local time only or an incomplete date', () => {
    const localOnly = bodyOf(`<e:Envelope xmlns:e="x"><e:Body><GetSystemDateAndTimeResponse><SystemDateAndTime>
      <LocalDateTime><Time><Hour>9</Hour><Minute>0</Minute><Second>0</Second></Time><Date><Year>2026</Year><Month>1</Month><Day>1</Day></Date></LocalDateTime>
      </SystemDateAndTime></GetSystemDateAndTimeResponse></e:Body></e:Envelope>`)
    expect(cameraUtcOf(localOnly)).toBeNull()
    const noSeconds = bodyOf(`<e:Envelope xmlns:e="x"><e:Body><GetSystemDateAndTimeResponse><SystemDateAndTime>
      <UTCDateTime><Time><Hour>9</Hour><Minute>0</Minute></Time><Date><Year>2026</Year><Month>1</Month><Day>1</Day></Date></UTCDateTime>
      </SystemDateAndTime></GetSystemDateAndTimeResponse></e:Body></e:Envelope>`)
    expect(cameraUtcOf(noSeconds)).toBeNull()
  })
})

describe('reachableAddress', () => {
  const device = 'http://cam.example:8080/onvif/device_service'

  it('keeps an address on the device host, port included', () => {
    expect(reachableAddress('http://cam.example:8081/onvif/Events', device)).toBe('http://cam.example:8081/onvif/Events')
  })

  it('moves an address announced with a foreign host (LAN or factory IP) to the device URL host and port', () => {
    expect(reachableAddress('http://192.168.1.64/onvif/Subscription?Idx=0', device)).toBe('http://cam.example:8080/onvif/Subscription?Idx=0')
  })

  it('takes the first of several addresses and leaves an unparsable one as it is', () => {
    expect(reachableAddress('http://cam.example/onvif/events http://[fe80::1]/onvif/events', device)).toBe('http://cam.example/onvif/events')
    expect(reachableAddress('not a url', device)).toBe('not a url')
  })
})
