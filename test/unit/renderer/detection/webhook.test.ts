import { describe, expect, it } from 'vitest'
import { isLoopbackHost, webhookUrl } from '../../../../renderer/detection/webhook'

describe('webhook address', () => {
  it('is the page’s origin plus the path in a browser', () => {
    expect(webhookUrl('/hooks/cam1/abc', true, { protocol: 'http:', origin: 'http://192.168.1.10:8080' })).toBe('http://192.168.1.10:8080/hooks/cam1/abc')
    expect(webhookUrl('/hooks/cam1/abc', true, { protocol: 'https:', origin: 'https://nvr.home' })).toBe('https://nvr.home/hooks/cam1/abc')
  })

  it('is only the path in the desktop app', () => {
    expect(webhookUrl('/hooks/cam1/abc', false, { protocol: 'file:', origin: 'null' })).toBeNull()
    // The desktop app's dev server is an http page, but not where cameras can call.
    expect(webhookUrl('/hooks/cam1/abc', false, { protocol: 'http:', origin: 'http://localhost:5173' })).toBeNull()
  })

  it('knows addresses a camera cannot call', () => {
    expect(isLoopbackHost('localhost')).toBe(true)
    expect(isLoopbackHost('127.0.0.1')).toBe(true)
    expect(isLoopbackHost('[::1]')).toBe(true)
    expect(isLoopbackHost('192.168.1.10')).toBe(false)
    expect(isLoopbackHost('nvr.local')).toBe(false)
  })
})
