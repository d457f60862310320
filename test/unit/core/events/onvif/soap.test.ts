import { describe, expect, it } from 'vitest'
import {
  buildEnvelope,
  faultError,
  isAuthError,
  parseFault,
  parseXsDateTime,
  passwordDigest,
  referenceParametersOf,
  securityHeader,
  soapContentType,
  xsDateTime
} from '../../../../../main/core/events/onvif/soap'

describe('WS-Security UsernameToken', () => {
  it('computes the PasswordDigest of the ONVIF Application Programmer\'s Guide example', () => {
    // Guide §6.1.1.3: Nonce LKqI6G/AikKCQrN0zqZFlg==, Created 2010-09-16T07:50:45Z, password userpassword.
    const nonce = Buffer.from('LKqI6G/AikKCQrN0zqZFlg==', 'base64')
    expect(passwordDigest(nonce, '2010-09-16T07:50:45Z', 'userpassword')).toBe('tuOSpGlFlIXsozq4HFNeeGeFLEI=')
  })

  it('writes the token with the camera time as Created, in whole seconds, and never the password', () => {
    const nonce = Buffer.from('LKqI6G/AikKCQrN0zqZFlg==', 'base64')
    const header = securityHeader({ username: 'admin', password: 'userpassword' }, Date.parse('2010-09-16T07:50:45.987Z'), nonce)
    expect(header).toContain('<wsse:Username>admin</wsse:Username>')
    expect(header).toMatch(/#PasswordDigest">tuOSpGlFlIXsozq4HFNeeGeFLEI=<\/wsse:Password>/)
    expect(header).toMatch(/#Base64Binary">LKqI6G\/AikKCQrN0zqZFlg==<\/wsse:Nonce>/)
    expect(header).toContain('<wsu:Created>2010-09-16T07:50:45Z</wsu:Created>')
    expect(header).not.toContain('userpassword')
  })

  it('uses a fresh nonce for every token', () => {
    const a = securityHeader({ username: 'u', password: 'p' }, 0)
    const b = securityHeader({ username: 'u', password: 'p' }, 0)
    const nonce = (h: string) => /<wsse:Nonce[^>]*>([^<]+)</.exec(h)![1]
    expect(Buffer.from(nonce(a), 'base64')).toHaveLength(16)
    expect(nonce(a)).not.toBe(nonce(b))
  })

  it('escapes a user name with XML characters', () => {
    expect(securityHeader({ username: 'a&b<c', password: 'p' }, 0)).toContain('<wsse:Username>a&amp;b&lt;c</wsse:Username>')
  })
})

describe('buildEnvelope', () => {
  it('builds a SOAP 1.2 envelope, without addressing headers for device calls', () => {
    const xml = buildEnvelope({ action: 'http://www.onvif.org/ver10/device/wsdl/GetSystemDateAndTime', body: '<tds:GetSystemDateAndTime/>' })
    expect(xml).toContain('<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"')
    expect(xml).toContain('xmlns:tds="http://www.onvif.org/ver10/device/wsdl"')
    expect(xml).toContain('<s:Body><tds:GetSystemDateAndTime/></s:Body>')
    expect(xml).not.toContain('wsa:To')
    expect(xml).not.toContain('wsse:Security>')
  })

  it('addresses subscription calls to the subscription and echoes its reference parameters', () => {
    const xml = buildEnvelope({
      action: 'http://www.onvif.org/ver10/events/wsdl/PullPointSubscription/PullMessagesRequest',
      body: '<tev:PullMessages/>',
      to: 'http://cam/onvif/Events/PullSubManager?Idx=3',
      referenceParameters: '<dom0:SubscriptionId xmlns:dom0="http://www.example.com/2009/event">6</dom0:SubscriptionId>',
      credentials: { username: 'admin', password: 'secret' },
      cameraNow: Date.parse('2026-01-02T03:04:05Z')
    })
    expect(xml).toContain('<wsa:Action>http://www.onvif.org/ver10/events/wsdl/PullPointSubscription/PullMessagesRequest</wsa:Action>')
    expect(xml).toContain('<wsa:To>http://cam/onvif/Events/PullSubManager?Idx=3</wsa:To>')
    expect(xml).toMatch(/<wsa:MessageID>urn:uuid:[0-9a-f-]{36}<\/wsa:MessageID>/)
    expect(xml).toContain('<dom0:SubscriptionId xmlns:dom0="http://www.example.com/2009/event">6</dom0:SubscriptionId>')
    expect(xml).toContain('<wsu:Created>2026-01-02T03:04:05Z</wsu:Created>')
    expect(xml).not.toContain('secret')
  })

  it('names the action in the SOAP 1.2 content type', () => {
    expect(soapContentType('urn:x')).toBe('application/soap+xml; charset=utf-8; action="urn:x"')
  })
})

describe('referenceParametersOf', () => {
  it('returns null for a subscription reference with an address only', () => {
    const xml = `<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope" xmlns:wsa="http://www.w3.org/2005/08/addressing"><e:Body>
      <tev:CreatePullPointSubscriptionResponse xmlns:tev="http://www.onvif.org/ver10/events/wsdl">
        <tev:SubscriptionReference><wsa:Address>http://cam/sub/1</wsa:Address></tev:SubscriptionReference>
      </tev:CreatePullPointSubscriptionResponse></e:Body></e:Envelope>`
    expect(referenceParametersOf(xml)).toBeNull()
  })

  it('re-declares prefixes that were declared outside the parameters', () => {
    const xml = `<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://www.w3.org/2003/05/soap-envelope" xmlns:wsa5="http://www.w3.org/2005/08/addressing"
      xmlns:dom0="http://www.example.com/2009/event"><SOAP-ENV:Body><tev:CreatePullPointSubscriptionResponse xmlns:tev="http://www.onvif.org/ver10/events/wsdl">
      <tev:SubscriptionReference><wsa5:Address>http://cam/onvif/services</wsa5:Address>
        <wsa5:ReferenceParameters><dom0:SubscriptionId>6</dom0:SubscriptionId></wsa5:ReferenceParameters>
      </tev:SubscriptionReference></tev:CreatePullPointSubscriptionResponse></SOAP-ENV:Body></SOAP-ENV:Envelope>`
    expect(referenceParametersOf(xml)).toBe('<dom0:SubscriptionId xmlns:dom0="http://www.example.com/2009/event">6</dom0:SubscriptionId>')
  })
})

// A Hikvision camera's answer to a request with a wrong password (HTTP 400).
const NOT_AUTHORIZED = `<?xml version="1.0" encoding="UTF-8"?>
<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:ter="http://www.onvif.org/ver10/error">
<env:Body><env:Fault>
<env:Code><env:Value>env:Sender</env:Value><env:Subcode><env:Value>ter:NotAuthorized</env:Value></env:Subcode></env:Code>
<env:Reason><env:Text xml:lang="en">The action requested requires authorization and the sender is not authorized</env:Text></env:Reason>
</env:Fault></env:Body></env:Envelope>`

describe('faults', () => {
  it('reads a SOAP 1.2 NotAuthorized fault and makes it an auth error', () => {
    const fault = parseFault(NOT_AUTHORIZED)
    expect(fault).toEqual({
      code: 'Sender',
      subcodes: ['NotAuthorized'],
      reason: 'The action requested requires authorization and the sender is not authorized'
    })
    const error = faultError(fault!, 'GetCapabilities', '10.0.0.5')
    expect(error.code).toBe('ONVIF_UNAUTHORIZED')
    expect(isAuthError(error)).toBe(true)
    expect(error.message).toBe('camera 10.0.0.5 refused the user name or password (ONVIF NotAuthorized on GetCapabilities)')
  })

  it('keeps nested subcodes and picks the English reason', () => {
    const xml = `<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><s:Fault>
      <s:Code><s:Value>s:Receiver</s:Value><s:Subcode><s:Value>ter:ActionNotSupported</s:Value>
        <s:Subcode><s:Value>ter:NoSuchService</s:Value></s:Subcode></s:Subcode></s:Code>
      <s:Reason><s:Text xml:lang="de">Nicht unterstützt</s:Text><s:Text xml:lang="en">Not supported</s:Text></s:Reason>
    </s:Fault></s:Body></s:Envelope>`
    const fault = parseFault(xml)!
    expect(fault).toEqual({ code: 'Receiver', subcodes: ['ActionNotSupported', 'NoSuchService'], reason: 'Not supported' })
    const error = faultError(fault, 'CreatePullPointSubscription', 'cam')
    expect(error.code).toBe('ONVIF_FAULT')
    expect(isAuthError(error)).toBe(false)
    expect(error.message).toContain('ActionNotSupported/NoSuchService')
  })

  it('reads SOAP 1.1 faults from old firmware and WS-Security codes as auth errors', () => {
    const xml = `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault>
      <faultcode>wsse:FailedAuthentication</faultcode><faultstring>Authentication failed</faultstring>
    </soap:Fault></soap:Body></soap:Envelope>`
    const fault = parseFault(xml)!
    expect(fault).toEqual({ code: 'FailedAuthentication', subcodes: [], reason: 'Authentication failed' })
    expect(faultError(fault, 'PullMessages', 'cam').code).toBe('ONVIF_UNAUTHORIZED')
  })

  it('finds no fault in a normal response or in something that is not XML', () => {
    expect(parseFault('<s:Envelope xmlns:s="x"><s:Body><tev:PullMessagesResponse/></s:Body></s:Envelope>')).toBeNull()
    expect(parseFault('Bad Request')).toBeNull()
    expect(parseFault('')).toBeNull()
  })
})

describe('xs:dateTime', () => {
  it('reads UTC, offsets and zone-less times (as UTC), and writes whole seconds', () => {
    expect(parseXsDateTime('2026-03-01T10:00:00Z')).toBe(Date.UTC(2026, 2, 1, 10))
    expect(parseXsDateTime('2026-03-01T10:00:00.250Z')).toBe(Date.UTC(2026, 2, 1, 10, 0, 0, 250))
    expect(parseXsDateTime('2026-03-01T11:00:00+01:00')).toBe(Date.UTC(2026, 2, 1, 10))
    expect(parseXsDateTime('2026-03-01T10:00:00')).toBe(Date.UTC(2026, 2, 1, 10))
    expect(parseXsDateTime('yesterday')).toBeNull()
    expect(parseXsDateTime(null)).toBeNull()
    expect(xsDateTime(Date.UTC(2026, 2, 1, 10, 0, 0, 999))).toBe('2026-03-01T10:00:00Z')
  })
})
