import { describe, expect, it } from 'vitest'
import type { WebhookInfo } from '../../../../main/contract'
import { isLoopbackHost, webhookUrls } from '../../../../renderer/detection/webhook'

const PATH = '/hooks/cam1/abc'
const closed: Pick<WebhookInfo, 'path' | 'listener' | 'addresses'> = { path: PATH, listener: { port: null, state: 'off', message: null }, addresses: ['192.168.1.20'] }
const open = (addresses: string[]) => ({ path: PATH, listener: { port: 8089, state: 'listening' as const, message: null }, addresses })

describe('webhook address', () => {
  it('is the webhook port on each network address of this computer while it is open, in the app and the browser', () => {
    expect(webhookUrls(open(['192.168.1.20', '10.0.0.5']), false, { protocol: 'file:', origin: 'null' })).toEqual([
      'http://192.168.1.20:8089/hooks/cam1/abc',
      'http://10.0.0.5:8089/hooks/cam1/abc'
    ])
    // The port reaches the network even when the page is served on 127.0.0.1.
    expect(webhookUrls(open(['192.168.1.20']), true, { protocol: 'http:', origin: 'http://127.0.0.1:8787' })).toEqual(['http://192.168.1.20:8089/hooks/cam1/abc'])
  })

  it('is the page’s origin plus the path in a browser while the port is closed', () => {
    expect(webhookUrls(closed, true, { protocol: 'http:', origin: 'http://192.168.1.10:8080' })).toEqual(['http://192.168.1.10:8080/hooks/cam1/abc'])
    expect(webhookUrls(closed, true, { protocol: 'https:', origin: 'https://nvr.home' })).toEqual(['https://nvr.home/hooks/cam1/abc'])
    // A port that failed to open is no address.
    const failed = { ...closed, listener: { port: 80, state: 'failed' as const, message: 'taken' } }
    expect(webhookUrls(failed, true, { protocol: 'http:', origin: 'http://nvr:8787' })).toEqual(['http://nvr:8787/hooks/cam1/abc'])
  })

  it('is nothing in the desktop app while the port is closed, or when the computer has no network address', () => {
    expect(webhookUrls(closed, false, { protocol: 'file:', origin: 'null' })).toEqual([])
    // The desktop app's dev server is an http page, but not where cameras can call.
    expect(webhookUrls(closed, false, { protocol: 'http:', origin: 'http://localhost:5173' })).toEqual([])
    expect(webhookUrls(open([]), false, { protocol: 'file:', origin: 'null' })).toEqual([])
  })

  it('knows addresses a camera cannot call', () => {
    expect(isLoopbackHost('localhost')).toBe(true)
    expect(isLoopbackHost('127.0.0.1')).toBe(true)
    expect(isLoopbackHost('[::1]')).toBe(true)
    expect(isLoopbackHost('192.168.1.10')).toBe(false)
    expect(isLoopbackHost('nvr.local')).toBe(false)
  })
})
